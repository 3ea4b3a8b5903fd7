package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A master, its replica and one Sentinel, all started by the test: the store finds the master
 * through Sentinel, and after the master dies and Sentinel promotes the replica, it finds the new
 * master by itself and reads what was replicated.
 */
class RedisSentinelIT {

  private static final Duration FAILOVER = Duration.ofSeconds(30);

  @Test
  void theStoreFollowsASentinelFailover() throws IOException {
    Path binary = RedisProcess.requireBinary();
    try (RedisProcess master = RedisProcess.start(binary);
        RedisProcess replica =
            RedisProcess.start(
                binary, "--replicaof", "127.0.0.1", Integer.toString(master.port()));
        RedisProcess sentinel = RedisProcess.startSentinel(binary, master.port())) {
      TestClock clock = TestClock.start();
      SessionRecord before = record(Keys.random(), clock);
      String uri = "redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster";
      String prefix = SharedRedis.freshPrefix();
      StoreContext context = new StoreContext(clock, SessionListener.NONE);
      try (RedisSessionStore store =
              RedisSessionStore.builder().uri(uri).keyPrefix(prefix).create(context);
          RedisSessionStore cached =
              RedisSessionStore.builder()
                  .uri(uri)
                  .keyPrefix(prefix)
                  .nearCache(10)
                  .create(context)) {
        store.create(before);
        assertThat(cached.load(before.key())).contains(before);
        RedisClient replicaClient = RedisClient.create(replica.uri());
        try {
          RedisCommands<String, String> onReplica = replicaClient.connect().sync();
          String replicated = store.layout().sessionKey(before.key());
          await("the record reaches the replica", () -> onReplica.exists(replicated) == 1);
          master.stop();
          await("Sentinel promotes the replica", () -> isMaster(onReplica));
        } finally {
          replicaClient.shutdown();
        }
        SessionRecord after = record(Keys.random(), clock);
        await("the store writes to the new master", () -> succeeds(() -> store.create(after)));
        assertThat(store.load(before.key())).contains(before);
        assertThat(store.load(after.key())).contains(after);

        // the near cache followed too: emptied, tracking on at the new master, pushes arriving
        await("the near cache tracks the new master", () -> cached.nearCache().isArmed());
        assertThat(cached.load(after.key())).contains(after);
        SessionRecord changed = after.touch(clock.instant().plusSeconds(1));
        NearCacheProbe.afterWrite(
            cached,
            Set.of(after.key()),
            () ->
                assertThat(store.touch(after.key(), changed.lastAccessTime(), changed.expiresAt()))
                    .isTrue());
        assertThat(cached.load(after.key())).contains(changed);
      }
    }
  }

  private static boolean isMaster(RedisCommands<String, String> node) {
    try {
      return node.info("replication").contains("role:master");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean succeeds(Runnable call) {
    try {
      call.run();
      return true;
    } catch (SessionStoreException e) {
      return false;
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + FAILOVER.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + FAILOVER + ": " + what);
      }
      RedisProcess.pauseBriefly();
    }
  }

  private static SessionRecord record(SessionKey key, TestClock clock) {
    return new SessionRecord(
        key,
        clock.instant(),
        clock.instant(),
        Duration.ofMinutes(30),
        null,
        "alice",
        Map.of("n", "1"));
  }
}
