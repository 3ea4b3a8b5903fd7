package dev.sessionkit.spring.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Session tables of the PostgreSQL tests: a fresh name per test class, dropped after it. */
final class PostgresTables {

  private PostgresTables() {}

  /** A table name no other test uses, on a server other runs may share. */
  static String fresh(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Drops a test's table. */
  static void drop(String url, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    }
  }
}
