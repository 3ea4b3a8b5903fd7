package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What two stores on one backend, as two application nodes that share sessions, must agree on: a
 * change or a deletion made through node B is what node A answers next, once the change has reached
 * A. It is written for stores that keep a copy of sessions near the application (a near cache): A
 * reads a session (so that it may keep it), B writes it, {@link #afterWrite} waits for whatever
 * tells A (a server push, or the copy's maximum age on the kit's clock), and A must then never
 * answer with what it kept. A store without a cache passes with the default {@code afterWrite}.
 *
 * <pre>{@code
 * class MyStoreTwoNodeTest extends TwoNodeContract {
 *   protected Nodes newNodes(StoreContext context) {
 *     String table = freshTable();
 *     return new Nodes(MyStore.builder().table(table).create(context),
 *                      MyStore.builder().table(table).create(context));
 *   }
 * }
 * }</pre>
 */
public abstract class TwoNodeContract {

  private static final Duration IDLE = Duration.ofMinutes(30);

  /** Shorter than any sensible maximum age of a kept copy, so that only expiry can end it. */
  private static final Duration SHORT_IDLE = Duration.ofMillis(200);

  /** How far the clock moves between writes: well within any sensible maximum age. */
  private static final Duration STEP = Duration.ofMillis(10);

  private TestClock clock;
  private Nodes nodes;

  /** Creates the contract; subclasses supply the stores. */
  protected TwoNodeContract() {}

  /**
   * Two stores on one fresh, empty backend, as two application nodes would build them.
   *
   * @param context the kit's clock and listener, for both stores
   * @return the two stores; the kit closes both
   */
  protected abstract Nodes newNodes(StoreContext context);

  /**
   * Runs a write on the other node, and returns once {@code reader} can no longer answer with what
   * it kept of {@code keys} before the write: for a store kept fresh by the server, once the
   * server's invalidation of every key has arrived (with a bounded wait that fails the test when it
   * does not); for a store whose copies only age, after moving {@link #clock()} past their maximum
   * age. The default just runs the write, which is right for a store without a cache.
   *
   * @param reader the node that must notice the write
   * @param keys the sessions the write changes, each of which {@code reader} has just loaded
   * @param write the write, made through the other node
   */
  protected void afterWrite(SessionStore reader, Set<SessionKey> keys, Runnable write) {
    write.run();
  }

  /**
   * How many times {@link #logoutOnOneNodeIsRefusedByTheOther} logs out on B and loads on A.
   *
   * @return the tries; 1000 unless overridden
   */
  protected int logoutTries() {
    return 1000;
  }

  /**
   * The kit's clock, which both stores read.
   *
   * @return the clock
   */
  protected final TestClock clock() {
    return clock;
  }

  @BeforeEach
  final void openNodes() {
    clock = TestClock.start();
    nodes = Objects.requireNonNull(newNodes(new StoreContext(clock, SessionListener.NONE)));
  }

  @AfterEach
  final void closeNodes() {
    if (nodes != null) {
      try {
        nodes.a().close();
      } finally {
        nodes.b().close();
      }
    }
  }

  /** The scenario: log in on A, log out on B, and A refuses the old cookie, every time. */
  @Test
  void logoutOnOneNodeIsRefusedByTheOther() {
    int refused = 0;
    for (int i = 0; i < logoutTries(); i++) {
      SessionRecord record = created(nodes.a(), "alice", Map.of("n", Integer.toString(i)));
      assertThat(nodes.a().load(record.key())).contains(record);
      assertThat(nodes.a().load(record.key())).contains(record);
      afterWrite(nodes.a(), Set.of(record.key()), () -> nodes.b().delete(record.key()));
      if (nodes.a().load(record.key()).isEmpty()) {
        refused++;
      }
    }
    assertThat(refused)
        .as("tries in which A refused the session B deleted")
        .isEqualTo(logoutTries());
  }

  @Test
  void everyChangeOnOneNodeIsReadOnTheOther() {
    SessionRecord record = created(nodes.a(), "alice", Map.of("n", "0"));
    SessionRecord current = record;
    for (int i = 1; i <= 20; i++) {
      assertThat(nodes.a().load(record.key())).contains(current);
      clock.advance(STEP);
      SessionRecord before = current;
      var delta =
          i % 5 == 0
              ? Records.principalDelta(before, clock.instant(), i % 10 == 0 ? null : "bob")
              : Records.delta(before, clock.instant(), Map.of("n", Integer.toString(i)), Set.of());
      afterWrite(
          nodes.a(), Set.of(record.key()), () -> assertThat(nodes.b().apply(delta)).isTrue());
      current = before.apply(delta);
      assertThat(nodes.a().load(record.key())).as("A after change %d on B", i).contains(current);
    }
  }

  @Test
  void aTouchOnOneNodeIsReadOnTheOther() {
    SessionRecord record = created(nodes.a(), null, Map.of("n", "0"));
    assertThat(nodes.a().load(record.key())).contains(record);
    clock.advance(STEP);
    Instant touchedAt = clock.instant();
    afterWrite(
        nodes.a(),
        Set.of(record.key()),
        () -> assertThat(nodes.b().touch(record.key(), touchedAt, touchedAt.plus(IDLE))).isTrue());
    assertThat(nodes.a().load(record.key())).contains(record.touch(touchedAt));
  }

  @Test
  void aRegenerateOnOneNodeRefusesTheOldKeyOnTheOther() {
    SessionRecord old = created(nodes.a(), "alice", Map.of("n", "0"));
    assertThat(nodes.a().load(old.key())).contains(old);
    SessionRecord moved =
        new SessionRecord(
            Records.newKey(),
            old.creationTime(),
            clock.instant(),
            IDLE,
            null,
            "alice",
            old.attributes());
    afterWrite(
        nodes.a(),
        Set.of(old.key()),
        () -> {
          nodes.b().create(moved);
          assertThat(nodes.b().delete(old.key())).isTrue();
        });
    assertThat(nodes.a().load(old.key())).isEmpty();
    assertThat(nodes.a().load(moved.key())).contains(moved);
  }

  /**
   * A renewal on B: A, which had loaded the old key, is led by it to the renewed session (a write
   * through it included) for the grace, reads the new key fresh, and knows the old key no more
   * after the grace.
   */
  @Test
  void aRenewalOnOneNodeIsFollowedOnTheOther() {
    Assumptions.assumeTrue(
        nodes.b() instanceof SessionRenewal,
        "skipped: " + nodes.b().getClass().getSimpleName() + " does not implement SessionRenewal");
    SessionRecord old = created(nodes.a(), "alice", Map.of("n", "0"));
    assertThat(nodes.a().load(old.key())).contains(old);
    clock.advance(STEP);
    var move =
        Records.delta(old, clock.instant(), Map.of("n", "1"), Set.of()).withKey(Records.newKey());
    Instant graceUntil = clock.instant().plusSeconds(30);
    afterWrite(
        nodes.a(),
        Set.of(old.key()),
        () -> assertThat(((SessionRenewal) nodes.b()).renew(old.key(), move, graceUntil)).isTrue());
    SessionRecord moved = old.withKey(move.key()).apply(move);
    assertThat(nodes.a().load(old.key())).as("A through the old key").contains(moved);
    assertThat(nodes.a().apply(Records.delta(old, clock.instant(), Map.of("m", "2"), Set.of())))
        .isTrue();
    assertThat(nodes.a().load(move.key()).orElseThrow().attributes())
        .as("A's write through the old key, read under the new one")
        .containsEntry("m", "2");
    clock.advance(Duration.ofSeconds(30));
    assertThat(nodes.a().load(old.key())).as("A after the grace").isEmpty();
    assertThat(nodes.b().load(move.key())).isPresent();
  }

  @Test
  void logOutEverywhereOnOneNodeEndsEverySessionOnTheOther() {
    Assumptions.assumeTrue(
        nodes.b() instanceof PrincipalSessions,
        "skipped: "
            + nodes.b().getClass().getSimpleName()
            + " does not implement PrincipalSessions");
    List<SessionRecord> sessions =
        IntStream.range(0, 3).mapToObj(i -> created(nodes.a(), "carol", Map.of())).toList();
    SessionRecord other = created(nodes.a(), "dave", Map.of());
    for (SessionRecord record : sessions) {
      assertThat(nodes.a().load(record.key())).contains(record);
    }
    assertThat(nodes.a().load(other.key())).contains(other);
    Set<SessionKey> keys = Set.copyOf(sessions.stream().map(SessionRecord::key).toList());
    afterWrite(
        nodes.a(),
        keys,
        () ->
            assertThat(((PrincipalSessions) nodes.b()).deleteByPrincipal("carol"))
                .containsExactlyInAnyOrderElementsOf(keys));
    for (SessionRecord record : sessions) {
      assertThat(nodes.a().load(record.key())).isEmpty();
    }
    assertThat(nodes.a().load(other.key())).contains(other);
  }

  /**
   * A kept copy never outlives the session's deadline by the kit's clock, with no write at all: a
   * session with a short idle timeout, loaded on A, is live 1 ms before its deadline and gone at
   * it.
   */
  @Test
  void aKeptSessionExpiresByTheClock() {
    SessionRecord record =
        Records.record(Records.newKey(), clock.instant(), SHORT_IDLE, null, null, Map.of());
    nodes.b().create(record);
    assertThat(nodes.a().load(record.key())).contains(record);
    clock.advance(SHORT_IDLE.minusMillis(1));
    assertThat(nodes.a().load(record.key())).contains(record);
    clock.advance(Duration.ofMillis(1));
    assertThat(nodes.a().load(record.key())).isEmpty();
  }

  private SessionRecord created(SessionStore on, String principal, Map<String, String> attributes) {
    SessionRecord record =
        Records.record(Records.newKey(), clock.instant(), IDLE, null, principal, attributes);
    on.create(record);
    return record;
  }

  /**
   * Two stores on one backend.
   *
   * @param a the node that reads (and may keep) sessions
   * @param b the node that writes them
   */
  public record Nodes(SessionStore a, SessionStore b) {

    /**
     * Checks that both stores are given.
     *
     * @throws NullPointerException if either is null
     */
    public Nodes {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }
}
