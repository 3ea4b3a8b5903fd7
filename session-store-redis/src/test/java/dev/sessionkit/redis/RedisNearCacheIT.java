package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TrackingInfo;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache on a redis-server of its own: what a cached read costs the server (nothing), that
 * touches and the maximum age still reach Redis, and a server restart while sessions are kept.
 */
class RedisNearCacheIT {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration MAX_AGE = Duration.ofMillis(500);

  private RedisProcess redis;
  private RedisClient adminClient;
  private StatefulRedisConnection<String, String> admin;
  private TestClock clock;
  private RedisSessionStore store;

  @BeforeEach
  void start() throws IOException {
    redis = RedisProcess.start(RedisProcess.requireBinary());
    adminClient = RedisClient.create(redis.uri());
    admin = adminClient.connect();
    clock = TestClock.start();
    store = newStore();
    NearCacheProbe.await("tracking on", () -> store.nearCache().isArmed());
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    if (adminClient != null) {
      adminClient.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private RedisSessionStore newStore() {
    return RedisSessionStore.builder()
        .uri(redis.uri())
        .keyPrefix("near:")
        .nearCache(100, MAX_AGE)
        .create(new StoreContext(clock, SessionListener.NONE));
  }

  @Test
  void aCachedReadSendsNoCommandAtAll() {
    SessionRecord record = created();
    assertThat(executed(() -> assertThat(store.load(record.key())).contains(record)))
        .isEqualTo(Map.of("hgetall", 1L));
    assertThat(
            executed(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    assertThat(store.load(record.key())).contains(record);
                  }
                }))
        .isEmpty();
  }

  @Test
  void aTouchReachesRedisAndTheNextLoadReadsIt() {
    SessionRecord record = created();
    store.load(record.key());
    clock.advance(Duration.ofMillis(100));
    assertThat(
            executed(
                () ->
                    assertThat(
                            store.touch(record.key(), clock.instant(), clock.instant().plus(IDLE)))
                        .isTrue()))
        .containsEntry("evalsha", 1L);
    assertThat(
            executed(
                () -> assertThat(store.load(record.key())).contains(record.touch(clock.instant()))))
        .isEqualTo(Map.of("hgetall", 1L));
  }

  /**
   * A session this node changes is read once from Redis after each write; the load after that keeps
   * it, and reads cost nothing again. (Whether that first read is untracked is not asserted here:
   * under a loaded build it was seen tracked, which costs a push, never a stale read.)
   */
  @Test
  void aSessionThisNodeChangesIsReadOnceUntrackedThenKept() {
    SessionRecord record = created();
    store.load(record.key());
    assertThat(trackedKeys()).isEqualTo(1);
    Instant now = clock.instant();
    Instant until = now.plus(IDLE);
    SessionKey key = record.key();
    var delta = new SessionDelta(key, Map.of("a", "2"), Set.of(), now, IDLE, until, false, null);
    SessionRecord changed = record.apply(delta);
    for (int request = 0; request < 3; request++) {
      assertThat(store.apply(delta)).isTrue();
      assertThat(executed(() -> assertThat(store.load(record.key())).contains(changed)))
          .as("the load after write %d", request)
          .isEqualTo(Map.of("hgetall", 1L));
    }
    assertThat(executed(() -> assertThat(store.load(record.key())).contains(changed)))
        .as("the second load reads on the tracking connection")
        .isEqualTo(Map.of("hgetall", 1L));
    assertThat(trackedKeys()).isEqualTo(1);
    assertThat(executed(() -> assertThat(store.load(record.key())).contains(changed)))
        .as("and keeps it")
        .isEmpty();
  }

  @Test
  void aKeptSessionIsReadAgainAfterTheMaximumAge() {
    SessionRecord record = created();
    store.load(record.key());
    clock.advance(MAX_AGE.minusMillis(1));
    assertThat(executed(() -> store.load(record.key()))).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(executed(() -> assertThat(store.load(record.key())).contains(record)))
        .isEqualTo(Map.of("hgetall", 1L));
  }

  /** Nothing pushed while the server is gone, and its data gone with it: nothing kept survives. */
  @Test
  void aServerRestartDropsEverythingKeptAndTrackingComesBack() throws IOException {
    SessionRecord record = created();
    assertThat(store.load(record.key())).contains(record);
    assertThat(store.nearCache().size()).isEqualTo(1);

    redis.stop();
    NearCacheProbe.await("the cache sees the disconnect", () -> !store.nearCache().isArmed());
    assertThat(store.nearCache().size()).isZero();
    assertThatThrownBy(() -> store.load(record.key())).isInstanceOf(SessionStoreException.class);

    redis.start();
    NearCacheProbe.await("tracking on again", () -> store.nearCache().isArmed());
    // The cache's connection and the store's own reconnect each in their own time.
    NearCacheProbe.await("the store's own connection back", () -> answers(store));
    assertThat(store.load(record.key())).as("a session the restart lost").isEmpty();

    // tracking works again: a second node's change reaches this one
    SessionRecord again = created();
    assertThat(store.load(again.key())).contains(again);
    assertThat(executed(() -> store.load(again.key()))).isEmpty();
    try (RedisSessionStore other =
        RedisSessionStore.builder()
            .uri(redis.uri())
            .keyPrefix("near:")
            .create(new StoreContext(clock, SessionListener.NONE))) {
      NearCacheProbe.afterWrite(store, Set.of(again.key()), () -> other.delete(again.key()));
    }
    assertThat(store.load(again.key())).isEmpty();
  }

  /**
   * A read whose answer crosses an invalidation, a local write or a disconnect is given to its
   * caller but never kept; the same read with nothing crossing it is kept.
   */
  @Test
  void aReadThatCrossesAChangeIsReturnedButNotKept() {
    SessionRecord record = created();
    NearCache near = store.nearCache();
    Map<String, Runnable> crossings =
        Map.of(
            "nothing", () -> {},
            "an invalidation", () -> near.invalidated(record.key()),
            "a local write", () -> near.forget(record.key()),
            "a disconnect", near::disarm);
    crossings.forEach(
        (what, crossing) -> {
          near.forgetAll();
          Optional<SessionRecord> loaded =
              near.load(
                  record.key(),
                  calls -> {
                    Optional<SessionRecord> read =
                        calls
                            .await(store.layout().load(calls, record.key(), clock.instant()))
                            .record();
                    crossing.run();
                    return read;
                  },
                  () -> {
                    throw new AssertionError("tracking is on, so the read goes through it");
                  });
          assertThat(loaded).as("read crossing %s", what).contains(record);
          assertThat(near.size())
              .as("kept after a read crossing %s", what)
              .isEqualTo(what.equals("nothing") ? 1 : 0);
          if (!near.isArmed()) {
            near.armed(near.rearm()); // the connection never dropped: tracking is still on
          }
        });
  }

  /** Tracking would change the application's connection, so the store refuses to. */
  @Test
  void theApplicationsConnectionIsRefused() {
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .connection(admin)
                    .nearCache(10)
                    .create(new StoreContext(clock, SessionListener.NONE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nearCache cannot be combined with connection");
    assertThat(admin.sync().clientTrackinginfo().getFlags())
        .doesNotContain(TrackingInfo.TrackingFlag.ON);
  }

  /** Whether the store's own connection answers (a delete of a key nobody has goes through it). */
  private static boolean answers(RedisSessionStore store) {
    try {
      store.delete(Keys.random());
      return true;
    } catch (SessionStoreException e) {
      return false;
    }
  }

  private SessionRecord created() {
    SessionRecord record =
        new SessionRecord(
            Keys.random(), clock.instant(), clock.instant(), IDLE, null, "alice", Map.of("a", "1"));
    store.create(record);
    return record;
  }

  /** How many keys Redis remembers for tracking clients: the server-wide count. */
  private long trackedKeys() {
    return CommandStats.stat(admin.sync(), "tracking_total_keys");
  }

  private Map<String, Long> executed(Runnable operation) {
    return CommandStats.executed(admin.sync(), operation);
  }
}
