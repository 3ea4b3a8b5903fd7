package dev.sessionkit.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import redis.embedded.RedisServer;

/**
 * The servers the tests of every module run against, found in one place: the server an environment
 * variable names when it is set, otherwise a throwaway embedded server started once per test JVM
 * (embedded-redis for Redis, embedded PostgreSQL for PostgreSQL). When neither is possible the
 * calling test is skipped with a message that says what was skipped and how to enable it; no test
 * reads these variables itself.
 */
public final class TestServers {

  /** Names the Redis to use, e.g. {@code redis://127.0.0.1:6379}. */
  public static final String REDIS_ENV = "SESSIONKIT_REDIS_URI";

  /** Names the PostgreSQL to use, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=...}. */
  public static final String POSTGRES_ENV = "SESSIONKIT_POSTGRES_URL";

  private static final Set<String> EMBEDDED = ConcurrentHashMap.newKeySet();

  private static String redisUri;
  private static String redisFailure;
  private static String postgresUrl;
  private static String postgresFailure;

  private TestServers() {}

  /**
   * Returns the Redis URI the tests use, starting an embedded server on first call when {@value
   * #REDIS_ENV} is unset.
   *
   * @param test the calling test, named in the skip message
   * @return a {@code redis://} URI
   */
  public static synchronized String redisUri(String test) {
    if (redisUri == null && redisFailure == null) {
      String configured = System.getenv(REDIS_ENV);
      if (configured != null && !configured.isBlank()) {
        redisUri = configured;
      } else {
        startRedis();
      }
    }
    skipUnless(
        redisFailure == null,
        test
            + " skipped: "
            + REDIS_ENV
            + " is not set and "
            + redisFailure
            + "; set "
            + REDIS_ENV
            + "=redis://host:port to run it");
    return redisUri;
  }

  /**
   * Returns the PostgreSQL JDBC URL the tests use, starting an embedded server on first call when
   * {@value #POSTGRES_ENV} is unset.
   *
   * @param test the calling test, named in the skip message
   * @return a {@code jdbc:postgresql:} URL with its user
   */
  public static synchronized String postgresUrl(String test) {
    if (postgresUrl == null && postgresFailure == null) {
      String configured = System.getenv(POSTGRES_ENV);
      if (configured != null && !configured.isBlank()) {
        postgresUrl = configured;
      } else {
        startPostgres();
      }
    }
    skipUnless(
        postgresFailure == null,
        test
            + " skipped: "
            + POSTGRES_ENV
            + " is not set and "
            + postgresFailure
            + "; set "
            + POSTGRES_ENV
            + "=jdbc:postgresql://host:port/db?user=... to run it");
    return postgresUrl;
  }

  /**
   * Tells whether an address is one of the throwaway servers this JVM started, which goes away
   * whole when the JVM exits, so tests need not tidy up what they left on it.
   *
   * @param address a URI or URL returned by {@link #redisUri} or {@link #postgresUrl}
   * @return true for an embedded server's address, false for one an environment variable named
   */
  public static boolean embedded(String address) {
    return EMBEDDED.contains(address);
  }

  private static void startRedis() {
    try {
      int port = freePort();
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
      redisUri = "redis://127.0.0.1:" + port;
      EMBEDDED.add(redisUri);
      System.err.println(REDIS_ENV + " is not set: using an embedded redis-server at " + redisUri);
    } catch (IOException | RuntimeException e) {
      redisFailure = "embedded-redis could not start a server (" + e + ")";
    }
  }

  private static void startPostgres() {
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
      postgresUrl = server.getJdbcUrl("postgres", "postgres");
      EMBEDDED.add(postgresUrl);
      System.err.println(POSTGRES_ENV + " is not set: using an embedded PostgreSQL");
    } catch (IOException | RuntimeException e) {
      postgresFailure = "embedded PostgreSQL could not start (" + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void skipUnless(boolean condition, String message) {
    if (!condition) {
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
  }

  private static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      // the JVM is exiting; the process dies with it
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // the JVM is exiting; the server's process dies with it
    }
  }
}
