package dev.sessionkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.testsupport.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the quick starts of the README and of docs/servlet.md (Tomcat) on a free port and checks,
 * over real HTTP, that a {@code User} put in the session at login comes back as a {@code User} from
 * {@code (User) session.getAttribute("user")} on the next request: Jetty and Tomcat with the memory
 * store, and Jetty with Redis and with PostgreSQL (the servers of {@link TestServers}).
 */
class QuickStartIT {

  private static final String SECRET = "a test secret of at least thirty-two bytes";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void jettyWithTheMemoryStore() throws Exception {
    jettyRoundTrip(MemorySessionStore.builder().maximumSize(50_000));
  }

  @Test
  void tomcatWithTheMemoryStore() throws Exception {
    String version = TomcatFromReadme.managedTomcatVersion();
    Optional<List<Path>> jars = TomcatFromReadme.tomcatJars();
    skipUnless(
        jars.isPresent(),
        "Tomcat quick start skipped: tomcat-embed-core and tomcat-annotations-api "
            + version
            + " are not in the local Maven repository; run ./mvnw -B -pl session-servlet verify"
            + " once (its tests fetch them), or set -Dmaven.repo.local");
    try (TomcatFromReadme tomcat =
        TomcatFromReadme.start(jars.get(), SECRET, MemorySessionStore.builder())) {
      roundTrip(URI.create("http://127.0.0.1:" + tomcat.port()));
    }
  }

  @Test
  void jettyWithRedis() throws Exception {
    String uri = TestServers.redisUri("QuickStartIT.jettyWithRedis");
    String prefix = "sessionkit-guide:" + UUID.randomUUID() + ":";
    try {
      jettyRoundTrip(RedisSessionStore.builder().uri(uri).keyPrefix(prefix));
    } finally {
      deleteKeys(uri, prefix);
    }
  }

  /** Removes what the test left in a Redis that others may share. */
  private static void deleteKeys(String uri, String prefix) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanArgs matching = ScanArgs.Builder.matches(prefix + "*").limit(100);
      KeyScanCursor<String> page = redis.scan(matching);
      while (true) {
        if (!page.getKeys().isEmpty()) {
          redis.unlink(page.getKeys().toArray(String[]::new));
        }
        if (page.isFinished()) {
          break;
        }
        page = redis.scan(page, matching);
      }
    } finally {
      client.shutdown();
    }
  }

  @Test
  void jettyWithPostgres() throws Exception {
    String url = TestServers.postgresUrl("QuickStartIT.jettyWithPostgres");
    String table = "sk_guide_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try {
      jettyRoundTrip(
          JdbcSessionStore.builder().jdbcUrl(url, null, null).tableName(table).createTable(true));
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  private static void jettyRoundTrip(StoreFactory store) throws Exception {
    Server server = JettyQuickStart.start(0, SECRET, store);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      roundTrip(URI.create("http://127.0.0.1:" + port));
    } finally {
      server.stop(); // the context listener closes the session manager and its store
    }
  }

  /** Logs in, then reads the user back on the next request, as a browser would over HTTP. */
  private static void roundTrip(URI base) throws Exception {
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(base.resolve("/me")).GET(), null);
    assertThat(anonymous.statusCode()).as("GET /me before login").isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("{\"error\":\"unauthorized\"}");

    HttpResponse<String> login =
        send(
            HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=frodo")),
            null);
    assertThat(login.statusCode()).as("POST /login").isEqualTo(200);
    assertThat(login.body()).isEqualTo("logged in as frodo\n");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    // SecureMode.AUTO: no Secure over plain HTTP, so the quick start works on localhost.
    assertThat(setCookie).startsWith("sid=").contains("HttpOnly", "SameSite=Lax");
    assertThat(setCookie).doesNotContain("Secure");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    for (int request = 1; request <= 2; request++) {
      HttpResponse<String> me = send(HttpRequest.newBuilder(base.resolve("/me")).GET(), cookie);
      // Account.Me casts getAttribute("user") to User: a Map would fail the request with a 500.
      assertThat(me.statusCode()).as("GET /me #%d after login", request).isEqualTo(200);
      assertThat(me.body()).isEqualTo("frodo (reader)\n");
      assertThat(me.headers().firstValue("Set-Cookie"))
          .as("an unchanged session sends no cookie")
          .isEmpty();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String cookie)
      throws Exception {
    request.timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Skips the test with a line on stderr that says what was skipped and how to enable it. */
  private static void skipUnless(boolean condition, String message) {
    if (!condition) {
      System.err.println("QuickStartIT: " + message);
    }
    Assumptions.assumeTrue(condition, message);
  }
}
