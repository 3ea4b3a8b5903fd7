package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole store contract against a three-master Redis Cluster the test starts, where a session's
 * hash and its principal's index live in different slots, mostly on different nodes.
 */
class RedisClusterContractIT extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    return RedisSessionStore.builder()
        .connection(cluster().connection())
        .keyPrefix(SharedRedis.freshPrefix())
        .create(context);
  }

  /** Another type under the session's key, on whichever node holds its slot. */
  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    String redisKey = ((RedisSessionStore) store).layout().sessionKey(key);
    RedisAdvancedClusterCommands<String, String> redis = cluster().connection().sync();
    redis.del(redisKey);
    redis.rpush(redisKey, "a list, not a hash");
  }

  private static TestCluster cluster() {
    try {
      return TestCluster.shared();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sessionsSpreadOverEveryMaster() {
    TestClock clock = TestClock.start();
    String prefix = SharedRedis.freshPrefix();
    try (RedisSessionStore store =
        RedisSessionStore.builder()
            .connection(cluster().connection())
            .keyPrefix(prefix)
            .create(new StoreContext(clock, SessionListener.NONE))) {
      for (int i = 0; i < 60; i++) {
        store.create(
            new SessionRecord(
                Keys.random(),
                clock.instant(),
                clock.instant(),
                Duration.ofMinutes(5),
                null,
                "spread",
                Map.of("n", Integer.toString(i))));
      }
      assertThat(store.findByPrincipal("spread")).hasSize(60);
    }
    for (RedisProcess node : cluster().nodes()) {
      RedisClient client = RedisClient.create(node.uri());
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        // a node answers SCAN for its own keys only
        assertThat(keysOf(c.sync(), prefix))
            .as("this test's keys on node %s", node.uri())
            .isNotEmpty();
      } finally {
        client.shutdown();
      }
    }
  }

  private static List<String> keysOf(RedisCommands<String, String> node, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanArgs mine = ScanArgs.Builder.matches(prefix + "*").limit(1000);
    KeyScanCursor<String> cursor = node.scan(mine);
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = node.scan(cursor, mine);
      keys.addAll(cursor.getKeys());
    }
    return keys;
  }
}
