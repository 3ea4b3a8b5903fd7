package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TestServers;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A Boot application with {@code sessionkit.store=jdbc} and Boot's own {@code
 * spring.datasource.url} on PostgreSQL: the store uses the application's pool, creates its table,
 * and keeps the sessions there.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
      "sessionkit.store=jdbc",
      "sessionkit.cookie.secure=never"
    })
class PostgresStoreAppIT {

  static final String TABLE =
      "sk_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  private static JdbcTemplate cleanup;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestServers.postgresUrl("PostgresStoreAppIT"));
    registry.add("sessionkit.jdbc.table-name", () -> TABLE);
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void sessionsLiveInTheApplicationsDatabase() throws Exception {
    Http http = new Http(port);
    StoreApps.countThrice(http);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    cleanup = jdbc;
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class)).isEqualTo(1);

    JsonNode health = StoreApps.health(http);
    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.path("details").path("store").asString()).isEqualTo("jdbc");
    assertThat(StoreApps.metric(http, "sessionkit.sessions.created")).isGreaterThanOrEqualTo(1);
  }

  @AfterAll
  static void dropTable() {
    if (cleanup != null) {
      cleanup.execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }
}
