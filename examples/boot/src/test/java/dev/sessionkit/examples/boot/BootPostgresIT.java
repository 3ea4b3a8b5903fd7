package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot example with {@code SESSION_STORE=jdbc} on the PostgreSQL named by
 * SESSIONKIT_POSTGRES_URL: a login is a row in the table, and the health endpoint shows the store.
 */
class BootPostgresIT {

  @Test
  void sessionsAreRowsInPostgres() throws Exception {
    String url = System.getenv("SESSIONKIT_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      String message =
          "BootPostgresIT skipped: no PostgreSQL. Set SESSIONKIT_POSTGRES_URL (for example"
              + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run the Boot example"
              + " against it.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    String table = "sk_boot_example_" + UUID.randomUUID().toString().substring(0, 8);
    try (ConfigurableApplicationContext app =
        BootExampleApp.run(
            "--server.port=0",
            "--PBKDF2_ITERATIONS=1000",
            "--logging.level.root=WARN",
            "--SESSION_STORE=jdbc",
            "--JDBC_URL=" + url,
            "--sessionkit.jdbc.table-name=" + table)) {
      Client browser = new Client(((WebServerApplicationContext) app).getWebServer().getPort());
      assertThat(
              browser
                  .postJson("/api/login", "{\"username\":\"frodo\",\"password\":\"mellon\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(browser.get("/api/users").statusCode()).isEqualTo(200);
      assertThat(browser.get("/actuator/health").body())
          .contains("\"sessionkit\":{\"details\":{\"store\":\"jdbc\"},\"status\":\"UP\"}");
      try (Connection db = DriverManager.getConnection(url);
          Statement sql = db.createStatement();
          ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(1);
      }
    } finally {
      try (Connection db = DriverManager.getConnection(url);
          Statement sql = db.createStatement()) {
        sql.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
