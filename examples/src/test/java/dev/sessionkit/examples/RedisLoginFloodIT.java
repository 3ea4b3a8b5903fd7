package dev.sessionkit.examples;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The login flood against {@code SESSION_STORE=redis}, on the Redis of SESSIONKIT_REDIS_URI. */
class RedisLoginFloodIT extends LoginFloodContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = System.getenv("SESSIONKIT_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      String message =
          "RedisLoginFloodIT skipped: no Redis. Set SESSIONKIT_REDIS_URI (for example"
              + " redis://127.0.0.1:6379) to run the login flood against Redis.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }

  /** Removes the example's keys (its default prefix) that earlier tests left on the server. */
  @Override
  protected void forgetEarlierSessions() {
    RedisClient client = RedisClient.create(System.getenv("SESSIONKIT_REDIS_URI"));
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
