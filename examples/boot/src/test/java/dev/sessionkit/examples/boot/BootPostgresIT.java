package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot example with {@code SESSION_STORE=jdbc} on PostgreSQL ({@code SESSIONKIT_POSTGRES_URL},
 * else an embedded one) with one session per user: {@link OneSessionPerUser}, and a login is a row
 * in the table.
 */
class BootPostgresIT {

  @Test
  void oneSessionPerUserOnPostgres() throws Exception {
    String url = TestServers.postgresUrl("BootPostgresIT");
    String table = "sk_boot_example_" + UUID.randomUUID().toString().substring(0, 8);
    try (ConfigurableApplicationContext app =
        BootExampleApp.run(
            "--server.port=0",
            "--PBKDF2_ITERATIONS=1000",
            "--logging.level.root=WARN",
            "--SESSION_STORE=jdbc",
            "--JDBC_URL=" + url,
            "--sessionkit.jdbc.table-name=" + table,
            OneSessionPerUser.MAX_ONE)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Client sam = new Client(port);
      sam.formLogin("sam", "potatoes");
      try (Connection db = DriverManager.getConnection(url);
          Statement sql = db.createStatement();
          ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(1);
      }
      OneSessionPerUser.check(port, "jdbc");
    } finally {
      try (Connection db = DriverManager.getConnection(url);
          Statement sql = db.createStatement()) {
        sql.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
