package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TestServers;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ConcurrentLoginsContract} on PostgreSQL (the store's own pool on {@code
 * sessionkit.jdbc.url}).
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
class PostgresConcurrentLoginsIT extends ConcurrentLoginsContract {

  private static final String URL = TestServers.postgresUrl("PostgresConcurrentLoginsIT");
  private static final String TABLE = PostgresTables.fresh("sessionkit_logins_");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.jdbc.url", () -> URL);
    registry.add("sessionkit.jdbc.table-name", () -> TABLE);
  }

  @AfterAll
  static void close() throws SQLException {
    PostgresTables.drop(URL, TABLE);
  }
}
