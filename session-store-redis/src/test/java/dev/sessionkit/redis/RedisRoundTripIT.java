package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the commands a dedicated redis-server sees for each store operation, from {@code INFO
 * commandstats} before and after. Commands that the store's Lua scripts run inside Redis are
 * counted under their own names too; they are told apart by name, which works because the scripts
 * never use a command the store sends itself (checked first).
 */
class RedisRoundTripIT {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static RedisProcess redis;
  private static RedisClient adminClient;
  private static RedisCommands<String, String> admin;

  private TestClock clock;
  private RedisSessionStore store;
  private Set<String> scriptCommands;

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
            .clock(clock)
            .build();
    scriptCommands = new TreeSet<>();
    store.layout().scripts().forEach(s -> scriptCommands.addAll(s.commandsCalled()));
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
  void scriptsNeverRunACommandTheStoreSendsItself() {
    assertThat(scriptCommands)
        .isNotEmpty()
        .doesNotContainAnyElementsOf(
            Set.of("hgetall", "evalsha", "eval", "hmget", "zrange", "zrem", "unlink", "info"));
  }

  @Test
  void loadIsOneHgetall() {
    SessionRecord record = create(null);
    assertThat(sent(() -> assertThat(store.load(record.key())).contains(record)))
        .isEqualTo(Map.of("hgetall", 1L));
    assertThat(sent(() -> assertThat(store.load(newKey())).isEmpty()))
        .isEqualTo(Map.of("hgetall", 1L));
  }

  @Test
  void createIsOneScriptAndOneMoreForThePrincipalIndex() {
    assertThat(sent(() -> create(null))).isEqualTo(Map.of("evalsha", 1L));
    assertThat(sent(() -> create("alice"))).isEqualTo(Map.of("evalsha", 2L));
  }

  @Test
  void applyIsOneScript() {
    SessionRecord record = create("alice");
    clock.advance(Duration.ofMinutes(1));
    SessionDelta delta = delta(record, Map.of("a", "2", "b", "[]"), Set.of("x"), false, null);
    assertThat(sent(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L));
    assertThat(store.load(record.key())).contains(record.apply(delta));
  }

  @Test
  void touchIsOneScript() {
    SessionRecord record = create("alice");
    clock.advance(Duration.ofMinutes(1));
    assertThat(
            sent(
                () ->
                    assertThat(
                            store.touch(record.key(), clock.instant(), clock.instant().plus(IDLE)))
                        .isTrue()))
        .isEqualTo(Map.of("evalsha", 1L));
  }

  @Test
  void deleteIsOneScriptPlusTheIndexUpkeep() {
    SessionRecord anonymous = create(null);
    SessionRecord alices = create("alice");
    assertThat(sent(() -> assertThat(store.delete(anonymous.key())).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L));
    assertThat(sent(() -> assertThat(store.delete(alices.key())).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "zrem", 1L));
  }

  @Test
  void aDeltaForADeletedSessionIsOneScriptThatWritesNothing() {
    SessionRecord record = create(null);
    store.delete(record.key());
    SessionDelta delta = delta(record, Map.of("a", "2"), Set.of(), false, null);
    assertThat(sent(() -> assertThat(store.apply(delta)).isFalse()))
        .isEqualTo(Map.of("evalsha", 1L));
    assertThat(admin.exists(store.layout().sessionKey(record.key()))).isZero();
  }

  @Test
  void aScriptTheServerForgotIsSentAgainOnce() {
    SessionRecord record = create(null);
    admin.scriptFlush();
    SessionDelta delta = delta(record, Map.of("a", "2"), Set.of(), false, null);
    assertThat(sent(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L, "eval", 1L));
    assertThat(sent(() -> assertThat(store.apply(delta)).isTrue()))
        .isEqualTo(Map.of("evalsha", 1L));
  }

  @Test
  void principalQueriesReadTheIndexThenCheckEverySessionInOnePipeline() {
    Set<SessionKey> keys = Set.of(create("bob").key(), create("bob").key(), create("bob").key());
    assertThat(sent(() -> assertThat(store.findByPrincipal("bob")).isEqualTo(keys)))
        .isEqualTo(Map.of("zrange", 1L, "hmget", 3L));
    assertThat(sent(() -> assertThat(store.deleteByPrincipal("bob")).isEqualTo(3)))
        .isEqualTo(Map.of("zrange", 1L, "evalsha", 3L, "zrem", 1L));
  }

  /** The commands the server saw during {@code operation}, other than the scripts' own. */
  private Map<String, Long> sent(Runnable operation) {
    Map<String, Long> before = commandCalls();
    operation.run();
    Map<String, Long> after = commandCalls();
    Map<String, Long> sent = new HashMap<>();
    after.forEach(
        (name, calls) -> {
          long delta = calls - before.getOrDefault(name, 0L);
          if (delta > 0 && !name.equals("info") && !scriptCommands.contains(name)) {
            sent.put(name, delta);
          }
        });
    return sent;
  }

  private static Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
        calls.put(name, Long.parseLong(count));
      }
    }
    return calls;
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
    return SessionId.generate(RANDOM).key();
  }
}
