package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionDelta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What differs between the databases the store supports: DDL, upsert, attribute merge, sweep. */
enum Dialect {
  POSTGRESQL("postgresql.sql") {
    @Override
    String upsert(String table) {
      return "INSERT INTO "
          + table
          + " ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (session_key) DO UPDATE SET"
          + " creation_time_us = EXCLUDED.creation_time_us,"
          + " last_access_time_us = EXCLUDED.last_access_time_us,"
          + " idle_timeout_us = EXCLUDED.idle_timeout_us,"
          + " absolute_deadline_us = EXCLUDED.absolute_deadline_us,"
          + " expires_at_us = EXCLUDED.expires_at_us, principal = EXCLUDED.principal,"
          + " attributes = EXCLUDED.attributes, version = "
          + table
          + ".version + 1";
    }

    @Override
    String mergeAttributes(Connection connection, SessionDelta delta, List<Object> parameters)
        throws SQLException {
      // jsonb's own operators: "-" drops keys, "||" adds or replaces them, on the row's current
      // value under the row lock, so concurrent deltas to different names both survive.
      String merged = "attributes";
      if (!delta.removed().isEmpty()) {
        merged = "(" + merged + " - ?::text[])";
        parameters.add(connection.createArrayOf("text", delta.removed().toArray()));
      }
      if (!delta.set().isEmpty()) {
        merged = merged + " || ?::jsonb";
        parameters.add(AttributesJson.encode(delta.set()));
      }
      return merged;
    }

    @Override
    int sweepBatch(Connection connection, String table, long nowMicros, int limit)
        throws SQLException {
      // SKIP LOCKED lets several nodes sweep at once: each takes rows nobody else holds, so
      // sweepers never wait on each other and cannot deadlock. The batch is materialized as an
      // array so the delete probes the primary key; with IN (subquery) the planner may join and
      // scan the whole table per batch, which made a sweep quadratic in the expired rows.
      String sql =
          "DELETE FROM "
              + table
              + " WHERE session_key = ANY(ARRAY(SELECT session_key FROM "
              + table
              + " WHERE expires_at_us <= ? LIMIT ? FOR UPDATE SKIP LOCKED)) AND expires_at_us <= ?";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setLong(1, nowMicros);
        statement.setInt(2, limit);
        statement.setLong(3, nowMicros);
        return statement.executeUpdate();
      }
    }
  },

  MARIADB("mariadb.sql") {
    @Override
    String upsert(String table) {
      return "INSERT INTO "
          + table
          + " ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
          + " creation_time_us = VALUES(creation_time_us),"
          + " last_access_time_us = VALUES(last_access_time_us),"
          + " idle_timeout_us = VALUES(idle_timeout_us),"
          + " absolute_deadline_us = VALUES(absolute_deadline_us),"
          + " expires_at_us = VALUES(expires_at_us), principal = VALUES(principal),"
          + " attributes = VALUES(attributes), version = version + 1";
    }

    @Override
    String mergeAttributes(Connection connection, SessionDelta delta, List<Object> parameters) {
      // One JSON_REMOVE or JSON_SET per name, nested, with the paths as parameters. Neither
      // JSON_MERGE_PATCH nor one call with several paths: on MariaDB 10.11 both lose changes after
      // the first in some member orders (JSON_MERGE_PATCH even with ASCII names).
      String merged = "attributes";
      for (String name : delta.removed()) {
        merged = "JSON_REMOVE(" + merged + ", ?)";
        parameters.add(AttributesJson.path(name));
      }
      for (Map.Entry<String, String> attribute : delta.set().entrySet()) {
        merged = "JSON_SET(" + merged + ", ?, ?)";
        parameters.add(AttributesJson.path(attribute.getKey()));
        parameters.add(attribute.getValue());
      }
      return merged;
    }

    @Override
    int sweepBatch(Connection connection, String table, long nowMicros, int limit)
        throws SQLException {
      // MariaDB refuses LIMIT in an IN subquery, so lock a batch with SKIP LOCKED and delete it
      // in the same transaction. READ COMMITTED keeps InnoDB from taking gap locks that two
      // sweepers could otherwise deadlock on.
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      connection.setAutoCommit(false);
      try {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT session_key FROM "
                    + table
                    + " WHERE expires_at_us <= ? LIMIT ? FOR UPDATE SKIP LOCKED")) {
          select.setLong(1, nowMicros);
          select.setInt(2, limit);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              keys.add(rows.getString(1));
            }
          }
        }
        int deleted = keys.isEmpty() ? 0 : deleteKeys(connection, table, keys, nowMicros);
        connection.commit();
        return deleted;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
        connection.setTransactionIsolation(isolation);
      }
    }
  },

  H2("h2.sql") {
    @Override
    String upsert(String table) {
      return "MERGE INTO "
          + table
          + " t USING (SELECT CAST(? AS CHAR(64)) AS session_key, CAST(? AS BIGINT) AS c,"
          + " CAST(? AS BIGINT) AS l, CAST(? AS BIGINT) AS i, CAST(? AS BIGINT) AS d,"
          + " CAST(? AS BIGINT) AS e, CAST(? AS VARCHAR(512)) AS p,"
          + " CAST(? AS CHARACTER LARGE OBJECT) AS a, CAST(? AS BIGINT) AS v) s"
          + " ON t.session_key = s.session_key"
          + " WHEN MATCHED THEN UPDATE SET creation_time_us = s.c, last_access_time_us = s.l,"
          + " idle_timeout_us = s.i, absolute_deadline_us = s.d, expires_at_us = s.e,"
          + " principal = s.p, attributes = s.a, version = t.version + 1"
          + " WHEN NOT MATCHED THEN INSERT ("
          + COLUMNS
          + ") VALUES (s.session_key, s.c, s.l, s.i, s.d, s.e, s.p, s.a, s.v)";
    }

    @Override
    String mergeAttributes(Connection connection, SessionDelta delta, List<Object> parameters) {
      return null;
    }

    @Override
    int sweepBatch(Connection connection, String table, long nowMicros, int limit)
        throws SQLException {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "DELETE FROM " + table + " WHERE expires_at_us <= ? FETCH FIRST ? ROWS ONLY")) {
        statement.setLong(1, nowMicros);
        statement.setInt(2, limit);
        return statement.executeUpdate();
      }
    }
  };

  /** The columns in the order {@link #upsert} binds them. */
  static final String COLUMNS =
      "session_key, creation_time_us, last_access_time_us, idle_timeout_us, absolute_deadline_us,"
          + " expires_at_us, principal, attributes, version";

  private final String ddlResource;

  Dialect(String ddlResource) {
    this.ddlResource = ddlResource;
  }

  /**
   * Returns the dialect of a database product, as {@code DatabaseMetaData} names it.
   *
   * @throws IllegalStateException for a database the store does not support
   */
  static Dialect of(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException(
        "unsupported database '"
            + productName
            + "': the JDBC session store supports PostgreSQL, MySQL/MariaDB and H2");
  }

  /**
   * Returns a statement that inserts or replaces a whole row. Parameters: key, creation, last
   * access, idle timeout, absolute deadline, expiry (all microseconds), principal, attributes, and
   * the version of a new row; a replaced row's version goes up by one instead.
   */
  abstract String upsert(String table);

  /**
   * Returns an SQL expression that merges a delta's attribute changes into the attributes column in
   * place, adding its parameters in order; null when the database has no JSON functions to do so
   * and the store must compare and swap on the version column instead.
   */
  abstract String mergeAttributes(
      Connection connection, SessionDelta delta, List<Object> parameters) throws SQLException;

  /** Returns whether {@link #mergeAttributes} merges in the database (else: compare and swap). */
  boolean mergesJson() {
    return this != H2;
  }

  /** Deletes at most {@code limit} expired rows, skipping rows another sweeper holds. */
  abstract int sweepBatch(Connection connection, String table, long nowMicros, int limit)
      throws SQLException;

  /** Returns the DDL that creates the table and its indexes, one statement per element. */
  List<String> ddl(String table) {
    String unqualified = table.substring(table.lastIndexOf('.') + 1);
    String script = ddlScript().replace("${table}", table).replace("${index}", unqualified);
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (line.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.trim().endsWith(";")) {
        String statement = current.toString().trim();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }

  /** Returns the DDL script as shipped, with {@code ${table}} and {@code ${index}} placeholders. */
  String ddlScript() {
    try (InputStream in = Dialect.class.getResourceAsStream(ddlResource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ddlResource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int deleteKeys(
      Connection connection, String table, List<String> keys, long nowMicros) throws SQLException {
    String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE session_key IN ("
                + marks
                + ") AND expires_at_us <= ?")) {
      int i = 1;
      for (String key : keys) {
        delete.setString(i++, key);
      }
      delete.setLong(i, nowMicros);
      return delete.executeUpdate();
    }
  }
}
