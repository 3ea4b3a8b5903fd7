package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.SessionStoreContract;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
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
  protected SessionStore newStore(TestClock clock) {
    return RedisSessionStore.builder()
        .connection(cluster().connection())
        .keyPrefix(SharedRedis.freshPrefix())
        .clock(clock)
        .build();
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
    try (SessionStore store =
        RedisSessionStore.builder()
            .connection(cluster().connection())
            .keyPrefix(prefix)
            .clock(clock)
            .build()) {
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < 60; i++) {
        store.create(
            new SessionRecord(
                SessionId.generate(random).key(),
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
