package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TcpForwarder;
import dev.sessionkit.testsupport.TestServers;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SpringSecurityCapContract} on PostgreSQL (the store's own pool on {@code
 * sessionkit.jdbc.url}), reached through a forwarder the test can freeze.
 */
@SpringBootTest(
    classes = CapApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      SpringSecurityCapContract.SECRET,
      "sessionkit.store=jdbc",
      "sessionkit.jdbc.timeout=10s",
      "sessionkit.max-sessions-per-principal=1",
      "sessionkit.cookie.secure=never",
      "management.endpoints.web.exposure.include=health,sessions",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class PostgresSpringSecurityCapIT extends SpringSecurityCapContract {

  private static final String URL = TestServers.postgresUrl("PostgresSpringSecurityCapIT");
  private static final TcpForwarder FORWARDER = forwarderTo(URL);
  private static final String TABLE =
      "sessionkit_cap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    URI uri = URI.create(URL.substring("jdbc:".length()));
    registry.add(
        "sessionkit.jdbc.url",
        () -> URL.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + FORWARDER.port()));
    registry.add("sessionkit.jdbc.table-name", () -> TABLE);
  }

  @AfterAll
  static void close() throws SQLException {
    FORWARDER.close();
    try (Connection connection = DriverManager.getConnection(URL);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  @Override
  TcpForwarder forwarder() {
    return FORWARDER;
  }

  private static TcpForwarder forwarderTo(String url) {
    URI uri = URI.create(url.substring("jdbc:".length()));
    return new TcpForwarder(uri.getHost(), uri.getPort());
  }
}
