package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Writes racing a renewal on MariaDB take their locks in key order: InnoDB reports no deadlock at
 * all, not merely none that the store's retry could not absorb. Many sessions share one expiry, as
 * they do under a fixed clock, which is what once led InnoDB to reach a written row through the
 * expiry index and lock other rows' entries first. Skipped without {@code SESSIONKIT_MARIADB_URL}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbRenewalLocksIT {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final int ROUNDS = 40;
  private static final int WRITERS = 4;
  private static final int WRITES_EACH = 8;

  private final TestClock clock = TestClock.start();
  private TestDatabase database;
  private JdbcSessionStore store;
  private ExecutorService threads;

  @BeforeAll
  void open() {
    database = TestDatabase.mariadb();
    store = database.newStore(TestDatabase.context(clock));
    threads = Executors.newFixedThreadPool(WRITERS + 1);
  }

  @AfterAll
  void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void writesRacingRenewalsNeverDeadlock() throws Exception {
    long deadlocksBefore = deadlocks();
    for (int round = 0; round < ROUNDS; round++) {
      race(round);
    }
    assertThat(deadlocks() - deadlocksBefore).as("InnoDB deadlocks during the races").isZero();
  }

  private void race(int round) throws Exception {
    Instant now = clock.instant();
    SessionRecord record =
        new SessionRecord(Keys.newKey(), now, now, IDLE, null, null, Map.of("shared", "0"));
    store.create(record);
    SessionKey renewed = Keys.newKey();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < WRITERS; t++) {
      String name = "t" + t;
      running.add(
          threads.submit(
              () -> {
                start.await();
                for (int w = 0; w < WRITES_EACH; w++) {
                  assertThat(store.apply(delta(record.key(), Map.of(name, String.valueOf(w)))))
                      .as("write %d of %s in round %d", w, name, round)
                      .isTrue();
                }
                return null;
              }));
    }
    running.add(
        threads.submit(
            () -> {
              start.await();
              SessionDelta move = delta(record.key(), Map.of("renewed", "1")).withKey(renewed);
              assertThat(store.renew(record.key(), move, now.plusSeconds(30))).isTrue();
              return null;
            }));
    start.countDown();
    for (Future<?> task : running) {
      task.get(30, TimeUnit.SECONDS);
    }
    Map<String, String> expected = new HashMap<>(Map.of("shared", "0", "renewed", "1"));
    for (int t = 0; t < WRITERS; t++) {
      expected.put("t" + t, String.valueOf(WRITES_EACH - 1));
    }
    assertThat(store.load(renewed).orElseThrow().attributes())
        .as("round %d", round)
        .isEqualTo(expected);
  }

  private SessionDelta delta(SessionKey key, Map<String, String> written) {
    Instant now = clock.instant();
    return new SessionDelta(key, written, Set.of(), now, IDLE, now.plus(IDLE), false, null);
  }

  private long deadlocks() throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
      assertThat(row.next()).isTrue();
      return row.getLong(2);
    }
  }
}
