package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the commands a dedicated redis-server executes for each store operation, from {@code INFO
 * commandstats} before and after: those the store sends and those its Lua scripts run inside Redis,
 * which {@code INFO commandstats} counts under their own names too. Both are work the server does
 * for the request; only the commands sent are round trips, and every operation here sends one (two
 * for the principal queries).
 */
class RedisRoundTripIT {

  private static final Duration IDLE = Duration.ofMinutes(30);

  private static RedisProcess redis;
  private static RedisClient adminClient;
  private static RedisCommands<String, String> admin;

  private TestClock clock;
  private RedisSessionStore store;

  @BeforeAll
  static void startRedis() throws IOException {
    redis = RedisProcess.start(RedisProcess.requireBinary());
    adminClient = RedisClient.create(redis.uri());
    admin = adminClient.connect().sync();
  }

  @AfterAll
  static void stopRedis() {
    if (adminClient != null) {
      adminClient.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void openStore() {
    clock = TestClock.start();
    store =
        RedisSessionStore.builder()
            .uri(redis.uri())
            .keyPrefix(SharedRedis.freshPrefix())
            .create(new StoreContext(clock, SessionListener.NONE));
    // connects, says hello and caches every script, so that what follows is the steady state
    SessionRecord warm = create("warm-up");
    store.load(warm.key());
    store.apply(delta(warm, Map.of("a", "1"), Set.of(), false, null));
    store.touch(warm.key(), clock.instant(), clock.instant().plus(IDLE));
    store.findByPrincipal("warm-up");
    store.delete(warm.key());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void loadIsOneHgetall() {
    SessionRecord record = create(null);
    assertThat(executed(() -> assertThat(store.load(record.key())).contains(record)))
        .isEqualTo(Map.of("hgetall", 1L));
    // No hash: one GET more, for the forward a renewed session's old key would have.
    assertThat(executed(() -> assertThat(store.load(newKey())).isEmpty()))
        .isEqualTo(Map.of("hgetall", 1L, "get", 1L));
  }

  @Test
  void createIsOneScriptAndOneMoreForThePrincipalIndex() {
    assertThat(executed(() -> create(null)))
        .isEqualTo(Map.of("evalsha", 1L, "del", 1L, "hset", 1L, "pexpire", 1L));
    assertThat(executed(() -> create("alice")))
        .isEqualTo(
            Map.of("evalsha", 2L, "del", 1L, "hset", 1L, "pexpire", 2L, "zadd", 1L, "pttl", 1L));
  }

  /** The target: at most three commands for a delta that sets attributes. */
  @Test
  void applyIsOneReadAndOneWrite() {
    SessionRecord record = create("alice");
    clock.advance(Duration.ofMinutes(1));
    SessionDelta delta = delta(record, Map.of("a", "2", "b", "[]"), Set.of(), false, null);
    assertThat(executed(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L));
    assertThat(store.load(record.key())).contains(record.apply(delta));
  }

  @Test
  void applyDeletesOnlyWhenItRemoves() {
    SessionRecord record = create("alice");
    clock.advance(Duration.ofMinutes(1));
    SessionDelta delta = delta(record, Map.of("b", "[]"), Set.of("a"), false, null);
    assertThat(executed(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L, "hdel", 1L));
    assertThat(store.load(record.key())).contains(record.apply(delta));
  }

  @Test
  void touchIsOneReadAndOneWrite() {
    SessionRecord record = create("alice");
    clock.advance(Duration.ofMinutes(1));
    assertThat(
            executed(
                () ->
                    assertThat(
                            store.touch(record.key(), clock.instant(), clock.instant().plus(IDLE)))
                        .isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L));
  }

  /**
   * The key's TTL runs a quarter of the session's life past its deadline; only a write whose
   * deadline passes that horizon moves it, with one {@code PEXPIRE} inside the same script.
   */
  @Test
  void theTtlMovesOnlyWhenTheDeadlinePassesItsHorizon() {
    SessionRecord record = create(null);
    String redisKey = store.layout().sessionKey(record.key());
    // a fresh TTL: the idle timeout, a quarter of it more, and the slack
    Duration horizon = IDLE.plus(IDLE.dividedBy(4));
    long fresh = horizon.plus(SessionHashLayout.TTL_SLACK).toMillis();
    assertThat(admin.pttl(redisKey)).isBetween(fresh - 5_000, fresh);

    clock.advance(Duration.ofMinutes(7));
    assertThat(executed(() -> touchNow(record))).doesNotContainKey("pexpire");
    assertThat(admin.pttl(redisKey)).as("the TTL as it was").isBetween(fresh - 5_000, fresh);

    clock.advance(Duration.ofMinutes(1));
    assertThat(executed(() -> touchNow(record)))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L, "pexpire", 1L));
    assertThat(admin.pttl(redisKey)).as("a fresh TTL again").isBetween(fresh - 5_000, fresh);
    assertThat(admin.hget(redisKey, "ttlu"))
        .isEqualTo(Long.toString(clock.instant().plus(horizon).toEpochMilli()));
  }

  @Test
  void deleteIsOneScriptPlusTheIndexUpkeep() {
    SessionRecord anonymous = create(null);
    SessionRecord alices = create("alice");
    assertThat(executed(() -> assertThat(store.delete(anonymous.key())).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "del", 1L));
    assertThat(executed(() -> assertThat(store.delete(alices.key())).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "del", 1L, "zrem", 1L));
  }

  @Test
  void aDeltaOrTouchForADeletedSessionIsOneReadThatWritesNothing() {
    SessionRecord record = create(null);
    store.delete(record.key());
    SessionDelta delta = delta(record, Map.of("a", "2"), Set.of(), false, null);
    assertThat(executed(() -> assertThat(store.apply(delta)).isFalse()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "get", 1L));
    assertThat(executed(() -> assertThat(touchNow(record)).isFalse()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "get", 1L));
    assertThat(admin.exists(store.layout().sessionKey(record.key()))).isZero();
  }

  @Test
  void aDeltaOrTouchForAnExpiredSessionDeletesItAndWritesNothing() {
    SessionRecord record = create(null);
    clock.advance(IDLE);
    SessionDelta delta = delta(record, Map.of("a", "2"), Set.of(), false, null);
    assertThat(executed(() -> assertThat(store.apply(delta)).isFalse()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "del", 1L, "get", 1L));
    assertThat(admin.exists(store.layout().sessionKey(record.key()))).isZero();
  }

  @Test
  void renewIsTwoScriptsAroundACreate() {
    SessionRecord warmUp = create(null);
    store.renew(
        warmUp.key(),
        delta(warmUp, Map.of(), Set.of(), false, null).withKey(newKey()),
        clock.instant().plusSeconds(30));
    SessionRecord record = create(null);
    SessionDelta move = delta(record, Map.of("a", "2"), Set.of(), false, null).withKey(newKey());
    assertThat(
            executed(
                () ->
                    assertThat(store.renew(record.key(), move, clock.instant().plusSeconds(30)))
                        .isTrue()))
        .isEqualTo(
            Map.of("evalsha", 3L, "hgetall", 2L, "del", 2L, "hset", 1L, "pexpire", 1L, "set", 1L));
  }

  @Test
  void aScriptTheServerForgotIsSentAgainOnce() {
    SessionRecord record = create(null);
    admin.scriptFlush();
    SessionDelta delta = delta(record, Map.of("a", "2"), Set.of(), false, null);
    assertThat(executed(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "eval", 1L, "hmget", 1L, "hset", 1L));
    assertThat(executed(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L));
  }

  @Test
  void principalQueriesReadTheIndexThenLoadOrDeleteEverySessionInOnePipeline() {
    List<SessionRecord> bobs = List.of(create("bob"), create("bob"), create("bob"));
    List<SessionKey> keys = bobs.stream().map(SessionRecord::key).toList();
    assertThat(
            executed(
                () ->
                    assertThat(store.findByPrincipal("bob"))
                        .containsExactlyInAnyOrderElementsOf(bobs)))
        .isEqualTo(Map.of("zrange", 1L, "hgetall", 3L));
    assertThat(
            executed(
                () ->
                    assertThat(store.deleteByPrincipal("bob"))
                        .containsExactlyInAnyOrderElementsOf(keys)))
        .isEqualTo(Map.of("zrange", 1L, "evalsha", 3L, "hmget", 3L, "del", 3L, "zrem", 1L));
  }

  private boolean touchNow(SessionRecord record) {
    return store.touch(record.key(), clock.instant(), clock.instant().plus(IDLE));
  }

  private SessionRecord create(String principal) {
    SessionRecord record =
        new SessionRecord(
            newKey(), clock.instant(), clock.instant(), IDLE, null, principal, Map.of("a", "1"));
    store.create(record);
    return record;
  }

  private SessionDelta delta(
      SessionRecord record,
      Map<String, String> set,
      Set<String> removed,
      boolean principalChanged,
      String principal) {
    return new SessionDelta(
        record.key(),
        set,
        removed,
        clock.instant(),
        IDLE,
        clock.instant().plus(IDLE),
        principalChanged,
        principal);
  }

  private static SessionKey newKey() {
    return Keys.random();
  }

  private static Map<String, Long> executed(Runnable operation) {
    return CommandStats.executed(admin, operation);
  }
}
