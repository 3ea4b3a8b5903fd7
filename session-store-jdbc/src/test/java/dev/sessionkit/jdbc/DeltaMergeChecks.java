package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deltas through the store's real merge path for the database (jsonb operators, JSON_REMOVE and
 * JSON_SET, or compare-and-swap).
 *
 * <p>Threads hammer one session with deltas that each set one attribute of their own and remove
 * another of their own. Every thread's last write survives, every removal sticks, and an attribute
 * nobody touches is never lost.
 */
abstract class DeltaMergeChecks {

  private static final int THREADS = 6;
  private static final int ROUNDS = 40;
  private static final Duration IDLE = Duration.ofMinutes(30);

  private final TestClock clock = TestClock.start();
  private JdbcSessionStore store;

  abstract TestDatabase database();

  @BeforeEach
  void openStore() {
    store = database().newStore(TestDatabase.context(clock));
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void concurrentDeltasToDifferentAttributesAreAllKept() throws Exception {
    Map<String, String> initial = new HashMap<>();
    initial.put("untouched", "{\"keep\":[1,2.50,\"\\u00e9\"]}");
    for (int t = 0; t < THREADS; t++) {
      initial.put("gone-" + t, "\"remove me\"");
    }
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, null, initial);
    store.create(record);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        String own = "own-" + t;
        Set<String> gone = Set.of("gone-" + t);
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < ROUNDS; round++) {
                    SessionDelta delta =
                        new SessionDelta(
                            record.key(),
                            Map.of(own, String.valueOf(round)),
                            gone,
                            clock.instant(),
                            IDLE,
                            clock.instant().plus(IDLE),
                            false,
                            null);
                    assertThat(store.apply(delta)).isTrue();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, String> expected = new HashMap<>();
    expected.put("untouched", initial.get("untouched"));
    for (int t = 0; t < THREADS; t++) {
      expected.put("own-" + t, String.valueOf(ROUNDS - 1));
    }
    assertThat(store.load(record.key()).orElseThrow().attributes()).isEqualTo(expected);
  }

  @Test
  void aDeltaBasedOnAStaleReadIsReappliedNotLost() {
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, null, Map.of("a", "1"));
    store.create(record);
    assertThat(store.load(record.key())).isPresent();
    // Another node changes the session after this one loaded it.
    try (JdbcSessionStore otherNode = database().otherStore(TestDatabase.context(clock))) {
      assertThat(otherNode.apply(delta(record, Map.of("b", "2"), Set.of("a")))).isTrue();
    }
    assertThat(store.apply(delta(record, Map.of("c", "3"), Set.of()))).isTrue();
    assertThat(store.load(record.key()).orElseThrow().attributes())
        .isEqualTo(Map.of("b", "2", "c", "3"));
  }

  @Test
  void aSessionCreatedAgainIsNotOverwrittenFromAReadOfItsEarlierLife() {
    SessionKey key = Keys.newKey();
    try (JdbcSessionStore otherNode = database().otherStore(TestDatabase.context(clock))) {
      otherNode.create(record(key, Map.of("x", "1")));
      assertThat(store.load(key)).isPresent();
      // Same key, same layout, a new life: only its version can tell it apart.
      assertThat(otherNode.delete(key)).isTrue();
      otherNode.create(record(key, Map.of("y", "2")));
    }
    assertThat(store.apply(delta(record(key, Map.of()), Map.of("d", "4"), Set.of()))).isTrue();
    assertThat(store.load(key).orElseThrow().attributes()).isEqualTo(Map.of("y", "2", "d", "4"));
  }

  private SessionRecord record(SessionKey key, Map<String, String> attributes) {
    return new SessionRecord(key, clock.instant(), clock.instant(), IDLE, null, null, attributes);
  }

  private SessionDelta delta(SessionRecord record, Map<String, String> set, Set<String> removed) {
    return new SessionDelta(
        record.key(), set, removed, clock.instant(), IDLE, clock.instant().plus(IDLE), false, null);
  }

  @Test
  void namesThatLookLikeSyntaxAreSetAndRemovedExactly() {
    List<String> names =
        List.of(
            "",
            "a.b",
            "$",
            "$.x",
            "*",
            "[0]",
            "quo\"te",
            "back\\slash",
            "new\nline",
            "sp ace",
            "\u00e9t\u00e9",
            "\ud83d\udd11",
            "\ud83d\udd11\ud83d\udd11x",
            "'single'");
    Map<String, String> expected = new HashMap<>();
    for (String name : names) {
      expected.put(name, "\"" + name.length() + "\"");
    }
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, null, expected);
    store.create(record);
    // Random partitions into removed, set and untouched names: different sets of names iterate,
    // and so reach the database, in different orders, where merge bugs hide.
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      Map<String, String> set = new HashMap<>();
      Set<String> removed = new HashSet<>();
      for (String name : names) {
        int choice = random.nextInt(3);
        if (choice == 0) {
          removed.add(name);
          expected.remove(name);
        } else if (choice == 1) {
          String value = "{\"round\":" + round + ",\"text\":\"x\\\"\u00e9\ud83d\udd11\"}";
          set.put(name, value);
          expected.put(name, value);
        }
      }
      SessionDelta delta =
          new SessionDelta(
              record.key(),
              set,
              removed,
              clock.instant(),
              IDLE,
              clock.instant().plus(IDLE),
              false,
              null);
      assertThat(store.apply(delta)).isTrue();
      assertThat(store.load(record.key()).orElseThrow().attributes())
          .as("round %d of seed %d: set %s, removed %s", round, seed, set.keySet(), removed)
          .isEqualTo(expected);
    }
  }
}
