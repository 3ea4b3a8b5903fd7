package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Node and Java sharing logins on the tests' PostgreSQL ({@link TestServers}), in
 * connect-pg-simple's {@code session} table.
 */
class PostgresNodeInteropIT extends NodeInteropContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String url = TestServers.postgresUrl("PostgresNodeInteropIT");
    return Map.of("SESSION_STORE", "jdbc", "JDBC_URL", url);
  }

  @Override
  protected boolean indexesSessions() {
    return true;
  }

  /** node-postgres takes a {@code postgres://user:password@host:port/db} URL. */
  @Override
  protected Map<String, String> nodeEnvironment(Map<String, String> store) {
    URI jdbc = URI.create(store.get("JDBC_URL").substring("jdbc:".length()));
    Map<String, String> query = new HashMap<>();
    if (jdbc.getRawQuery() != null) {
      for (String pair : jdbc.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    String user = query.getOrDefault("user", "postgres");
    String password = query.get("password");
    String auth = user + (password == null ? "" : ":" + password);
    String url =
        "postgres://"
            + auth
            + "@"
            + jdbc.getHost()
            + (jdbc.getPort() > 0 ? ":" + jdbc.getPort() : "")
            + jdbc.getPath();
    return Map.of("SESSION_STORE", "jdbc", "DATABASE_URL", url);
  }
}
