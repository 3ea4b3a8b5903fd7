package dev.sessionkit.redis;

import dev.sessionkit.testsupport.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone Redis the tests share, with one client for the whole test JVM: the server {@link
 * TestServers#redisUri} finds ({@code SESSIONKIT_REDIS_URI}, else a throwaway embedded one). Each
 * store gets a fresh key prefix, so tests never see each other's keys, nor those of other runs on a
 * shared server; what they leave behind expires by its TTL within the hour.
 */
final class SharedRedis {

  private static final String RUN = "sessionkit-test:" + UUID.randomUUID() + ":";
  private static final AtomicLong STORES = new AtomicLong();

  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private SharedRedis() {}

  /** The one connection every store of the test JVM shares; never closed by a store. */
  static synchronized StatefulRedisConnection<String, String> connection() {
    String target = TestServers.redisUri("Redis tests");
    if (connection == null) {
      client = RedisClient.create(target);
      connection = client.connect();
      Runtime.getRuntime().addShutdownHook(new Thread(SharedRedis::cleanUp));
    }
    return connection;
  }

  /** The client every store of the test JVM may share; never closed by a store. */
  static synchronized RedisClient client() {
    connection();
    return client;
  }

  /** Removes this run's keys from a shared server, then closes the client. */
  private static synchronized void cleanUp() {
    try {
      RedisCommands<String, String> redis = connection.sync();
      // the express layout keeps its principal indexes under "sessionkit:<prefix>"
      for (String pattern : new String[] {RUN + "*", "sessionkit:" + RUN + "*"}) {
        ScanArgs mine = ScanArgs.Builder.matches(pattern).limit(1000);
        KeyScanCursor<String> cursor = redis.scan(mine);
        while (true) {
          if (!cursor.getKeys().isEmpty()) {
            redis.unlink(cursor.getKeys().toArray(String[]::new));
          }
          if (cursor.isFinished()) {
            break;
          }
          cursor = redis.scan(cursor, mine);
        }
      }
    } catch (RuntimeException e) {
      System.err.println("could not remove test keys " + RUN + "*: " + e);
    } finally {
      client.shutdown();
    }
  }

  /** A key prefix no other store has used. */
  static String freshPrefix() {
    return RUN + STORES.incrementAndGet() + ":";
  }
}
