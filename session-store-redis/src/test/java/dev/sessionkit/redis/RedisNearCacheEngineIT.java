package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache under the real engine, two nodes on a redis-server of their own: read-only
 * requests cost Redis nothing, a touch still reaches Redis when the touch interval says so, and a
 * logout on node B is refused on node A once Redis's invalidation has arrived.
 */
class RedisNearCacheEngineIT {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-near-cache-test";
  private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);

  /** Longer than the touch interval, so that a kept copy is what the touch decision sees. */
  private static final Duration MAX_AGE = Duration.ofMinutes(5);

  private final TestClock clock = TestClock.start();
  private RedisProcess redis;
  private RedisClient adminClient;
  private RedisCommands<String, String> admin;
  private RedisSessionStore cachedStore;
  private SessionManager nodeA;
  private SessionManager nodeB;

  @BeforeEach
  void start() throws IOException {
    redis = RedisProcess.start(RedisProcess.requireBinary());
    adminClient = RedisClient.create(redis.uri());
    admin = adminClient.connect().sync();
    nodeA =
        SessionManager.create(
            config(),
            context ->
                cachedStore =
                    RedisSessionStore.builder()
                        .uri(redis.uri())
                        .nearCache(100, MAX_AGE)
                        .create(context));
    nodeB = SessionManager.create(config(), RedisSessionStore.builder().uri(redis.uri()));
    NearCacheProbe.await("tracking on", () -> cachedStore.nearCache().isArmed());
  }

  private SessionConfig config() {
    return SessionConfig.builder()
        .secret(SECRET)
        .clock(clock)
        .idleTimeout(Duration.ofMinutes(30))
        .touchInterval(TOUCH_INTERVAL)
        .build();
  }

  @AfterEach
  void stop() {
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (adminClient != null) {
      adminClient.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void readOnlyRequestsCostNothingTouchesStillReachRedisAndALogoutElsewhereIsRefused() {
    SessionContext login = nodeA.open(List.of(), true);
    login.getOrCreate().setPrincipal("alice");
    SetCookie set = login.commit().orElseThrow();
    String cookie = set.name() + "=" + set.value();

    clock.advance(Duration.ofSeconds(10));
    assertThat(executed(() -> readOnly(nodeA, cookie))).isEqualTo(Map.of("hgetall", 1L));
    clock.advance(Duration.ofSeconds(10));
    assertThat(executed(() -> readOnly(nodeA, cookie))).isEmpty();

    // past the touch interval since the last write, on a kept copy: the touch goes to Redis
    clock.advance(TOUCH_INTERVAL);
    Instant touchedAt = clock.instant();
    assertThat(executed(() -> readOnly(nodeA, cookie)))
        .containsEntry("evalsha", 1L)
        .doesNotContainKey("hgetall");
    clock.advance(Duration.ofSeconds(1));
    assertThat(executed(() -> assertThat(lastAccess(nodeA, cookie)).isEqualTo(touchedAt)))
        .isEqualTo(Map.of("hgetall", 1L));
    assertThat(executed(() -> readOnly(nodeA, cookie))).isEmpty();

    // logout on B; once Redis has told A, A refuses the old cookie
    String key = nodeKey();
    NearCacheProbe.afterWrite(
        cachedStore,
        Set.of(cachedStore.layout().sessionKeyOf(key).orElseThrow()),
        () -> {
          SessionContext logout = nodeB.open(List.of(cookie), true);
          logout.current().orElseThrow().invalidate();
          logout.commit();
        });
    SessionContext after = nodeA.open(List.of(cookie), true);
    assertThat(after.current()).isEmpty();
    after.commit();
  }

  private static void readOnly(SessionManager node, String cookie) {
    SessionContext request = node.open(List.of(cookie), true);
    assertThat(request.current().orElseThrow().principal()).contains("alice");
    request.commit();
  }

  private static Instant lastAccess(SessionManager node, String cookie) {
    SessionContext request = node.open(List.of(cookie), true);
    Instant last = request.current().orElseThrow().lastAccessTime();
    request.commit();
    return last;
  }

  /** The Redis key of the one session hash on the server. */
  private String nodeKey() {
    List<String> keys = admin.keys(RedisSessionStore.DEFAULT_KEY_PREFIX + "session:*");
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private Map<String, Long> executed(Runnable operation) {
    return CommandStats.executed(admin, operation);
  }
}
