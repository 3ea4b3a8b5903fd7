package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;

/**
 * The login flood against {@code SESSION_STORE=redis}, on the tests' Redis ({@link TestServers}).
 */
class RedisLoginFloodIT extends LoginFloodContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = TestServers.redisUri("RedisLoginFloodIT");
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }

  /** Removes the example's keys (its default prefix) that earlier tests left on the server. */
  @Override
  protected void forgetEarlierSessions() {
    RedisClient client = RedisClient.create(TestServers.redisUri("RedisLoginFloodIT"));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches("sessionkit:*").limit(500);
      KeyScanCursor<String> cursor = redis.scan(match);
      while (true) {
        if (!cursor.getKeys().isEmpty()) {
          redis.unlink(cursor.getKeys().toArray(String[]::new));
        }
        if (cursor.isFinished()) {
          break;
        }
        cursor = redis.scan(cursor, match);
      }
    } finally {
      client.shutdown();
    }
  }
}
