package dev.sessionkit.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * Finds the servers the store benchmarks need the way the tests do: from {@code
 * SESSIONKIT_REDIS_URI} and {@code SESSIONKIT_POSTGRES_URL}, else an embedded server on a free
 * loopback port. When neither is possible the benchmark cannot run; {@link Unavailable} says what
 * was skipped and how to enable it.
 */
final class Servers {

  static final String REDIS_ENV = "SESSIONKIT_REDIS_URI";
  static final String POSTGRES_ENV = "SESSIONKIT_POSTGRES_URL";

  private Servers() {}

  /** A server in use by one benchmark trial; closing stops it if this process started it. */
  interface Handle extends AutoCloseable {
    /** Returns the Redis URI or the JDBC URL (with user) of the server. */
    String address();

    @Override
    void close();
  }

  /** Thrown, after printing its message to stderr, when a benchmark's server cannot be had. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
      System.err.println(message);
    }
  }

  static Handle redis() {
    String uri = System.getenv(REDIS_ENV);
    if (uri != null && !uri.isBlank()) {
      return handle(uri, () -> {});
    }
    try {
      RedisServer server =
          RedisServer.newRedisServer()
              .port(freePort())
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      return handle("redis://127.0.0.1:" + server.ports().get(0), () -> stop(server));
    } catch (IOException | RuntimeException e) {
      throw new Unavailable(
          "SKIPPED Redis benchmarks: "
              + REDIS_ENV
              + " is unset and embedded Redis did not start ("
              + e
              + "); set "
              + REDIS_ENV
              + "=redis://127.0.0.1:6379 to run them against a server",
          e);
    }
  }

  static Handle postgres() {
    String url = System.getenv(POSTGRES_ENV);
    if (url != null && !url.isBlank()) {
      return handle(url, () -> {});
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(freePort()).start();
      return handle(pg.getJdbcUrl("postgres", "postgres"), () -> closeQuietly(pg));
    } catch (IOException | RuntimeException e) {
      throw new Unavailable(
          "SKIPPED PostgreSQL benchmarks: "
              + POSTGRES_ENV
              + " is unset and embedded PostgreSQL did not start ("
              + e
              + "; it refuses to run as root); set "
              + POSTGRES_ENV
              + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run them against a"
              + " server",
          e);
    }
  }

  private static Handle handle(String address, Runnable stop) {
    return new Handle() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        stop.run();
      }
    };
  }

  private static void stop(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
