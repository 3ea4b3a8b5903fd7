package dev.sessionkit.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import redis.embedded.RedisServer;

/**
 * The standalone Redis the tests share, with one client for the whole test JVM: the server named by
 * {@code SESSIONKIT_REDIS_URI} when set, otherwise a throwaway server from embedded-redis on a free
 * port. Each store gets a fresh key prefix, so tests never see each other's keys, nor those of
 * other runs on a shared server; what they leave behind expires by its TTL within the hour.
 */
final class SharedRedis {

  static final String ENV = "SESSIONKIT_REDIS_URI";

  private static final String RUN = "sessionkit-test:" + UUID.randomUUID() + ":";
  private static final AtomicLong STORES = new AtomicLong();

  private static String uri;
  private static String failure;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private SharedRedis() {}

  /** The server's URI; skips the calling test, with the reason, if there is none. */
  static synchronized String uri() {
    if (uri == null && failure == null) {
      String configured = System.getenv(ENV);
      if (configured != null && !configured.isBlank()) {
        uri = configured;
      } else {
        startEmbedded();
      }
    }
    Skips.unless(failure == null, failure);
    return uri;
  }

  private static void startEmbedded() {
    try {
      int port = RedisProcess.freePort();
      // no dump.rdb left behind in the directory embedded-redis extracts the binary to
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
      uri = "redis://127.0.0.1:" + port;
      System.err.println(ENV + " is not set: using a throwaway embedded-redis server at " + uri);
    } catch (IOException | RuntimeException e) {
      failure =
          "Redis tests skipped: "
              + ENV
              + " is not set and embedded-redis could not start a server ("
              + e
              + "); set "
              + ENV
              + "=redis://host:port to enable them";
    }
  }

  private static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      // the JVM is exiting; the process dies with it
    }
  }

  /** The one connection every store of the test JVM shares; never closed by a store. */
  static synchronized StatefulRedisConnection<String, String> connection() {
    String target = uri();
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
      ScanArgs mine = ScanArgs.Builder.matches(RUN + "*").limit(1000);
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
