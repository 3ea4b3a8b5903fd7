package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.spi.SessionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/** The pool and the hand-written table the PostgreSQL baselines use. */
final class Postgres {

  private Postgres() {}

  static HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(size);
    config.setPoolName("sessionkit-bench");
    return new HikariDataSource(config);
  }

  /** Creates a table shaped like the store's and writes one row holding the record's data. */
  static void createRawTable(HikariDataSource pool, String table, String key, SessionRecord record)
      throws SQLException {
    try (Connection c = pool.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE "
                + table
                + " (session_key CHAR(64) NOT NULL PRIMARY KEY, creation_time_us BIGINT NOT NULL,"
                + " last_access_time_us BIGINT NOT NULL, idle_timeout_us BIGINT NOT NULL,"
                + " absolute_deadline_us BIGINT, expires_at_us BIGINT NOT NULL, principal TEXT,"
                + " attributes JSONB NOT NULL, version BIGINT NOT NULL)");
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 1)")) {
        insert.setString(1, key);
        insert.setLong(2, micros(record.creationTime()));
        insert.setLong(3, micros(record.lastAccessTime()));
        insert.setLong(4, record.idleTimeout().toNanos() / 1000);
        insert.setLong(5, micros(record.absoluteDeadline()));
        insert.setLong(6, micros(record.expiresAt()));
        insert.setString(7, record.principal());
        insert.setString(8, json(record));
        insert.executeUpdate();
      }
    }
  }

  private static long micros(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  /** The attributes as one JSON object; values are already JSON text. */
  private static String json(SessionRecord record) {
    return record.attributes().entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
