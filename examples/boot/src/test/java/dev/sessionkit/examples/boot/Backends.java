package dev.sessionkit.examples.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The servers the tests run against, as the other modules' tests pick them: the Redis named by
 * {@code SESSIONKIT_REDIS_URI} and the PostgreSQL named by {@code SESSIONKIT_POSTGRES_URL} when
 * set, otherwise an embedded one started once for this JVM.
 */
final class Backends {

  static final String REDIS_ENV = "SESSIONKIT_REDIS_URI";
  static final String POSTGRES_ENV = "SESSIONKIT_POSTGRES_URL";

  private static String redisUri;
  private static EmbeddedPostgres postgres;

  private Backends() {}

  static synchronized String redisUri() {
    if (redisUri == null) {
      String configured = System.getenv(REDIS_ENV);
      if (configured != null && !configured.isBlank()) {
        redisUri = configured;
      } else {
        int port = freePort();
        try {
          RedisServer server =
              RedisServer.newRedisServer()
                  .bind("127.0.0.1")
                  .port(port)
                  .setting("save \"\"")
                  .setting("appendonly no")
                  .build();
          server.start();
          Runtime.getRuntime()
              .addShutdownHook(
                  new Thread(
                      () -> {
                        try {
                          server.stop();
                        } catch (IOException e) {
                          // the JVM is exiting; the process dies with it
                        }
                      }));
        } catch (IOException e) {
          throw new UncheckedIOException(
              REDIS_ENV + " is not set and embedded-redis could not start a server", e);
        }
        redisUri = "redis://127.0.0.1:" + port;
        System.err.println(REDIS_ENV + " is not set: using an embedded Redis at " + redisUri);
      }
    }
    return redisUri;
  }

  static synchronized String postgresUrl() {
    String configured = System.getenv(POSTGRES_ENV);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (postgres == null) {
      System.err.println(POSTGRES_ENV + " is not set: starting an embedded PostgreSQL instead");
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
      }
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** A port nothing listens on (a moment ago). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
