package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of each store operation against one table, one statement per operation wherever the
 * dialect allows. Every statement that reads or changes a session also checks its expiry against
 * the store clock's "now", passed as a parameter, so the database's own clock never matters.
 */
final class SessionTable {

  /** Where first versions come from; thread-safe. */
  private static final SecureRandom FIRST_VERSIONS = new SecureRandom();

  /** A compare-and-swap loop that keeps losing is contention past reason, not a normal state. */
  private static final int MAX_SWAP_ATTEMPTS = 100;

  /** Rows remembered for compare-and-swap; a few thousand sessions in use at once on one node. */
  private static final int RECENT_ROWS = 4096;

  private final String table;
  private final Dialect dialect;
  private final int queryTimeoutSeconds;
  private final String select;
  private final String upsert;
  private final String touch;
  private final String delete;
  private final RecentRows recent;

  SessionTable(String table, Dialect dialect, int queryTimeoutSeconds) {
    this.table = table;
    this.dialect = dialect;
    this.recent = dialect.mergesJson() ? null : new RecentRows(RECENT_ROWS);
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.select =
        "SELECT session_key, creation_time_us, last_access_time_us, idle_timeout_us,"
            + " absolute_deadline_us, principal, attributes, version FROM "
            + table
            + " WHERE session_key = ? AND expires_at_us > ?";
    this.upsert = dialect.upsert(table);
    this.touch =
        "UPDATE "
            + table
            + " SET last_access_time_us = ?, expires_at_us = ?"
            + " WHERE session_key = ? AND expires_at_us > ?";
    // An expired row is already gone as far as callers can tell; the sweep removes it.
    this.delete = "DELETE FROM " + table + " WHERE session_key = ? AND expires_at_us > ?";
  }

  /** A row as read, with the version it had. */
  record Row(SessionRecord record, long version) {}

  /**
   * Reads a live row.
   *
   * @throws CorruptRow when the row's attributes cannot be decoded
   */
  Optional<Row> load(Connection connection, SessionKey key, Instant now) throws SQLException {
    try (PreparedStatement statement = prepare(connection, select)) {
      statement.setString(1, key.value());
      statement.setLong(2, Micros.of(now));
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long version = rows.getLong(8);
        Map<String, String> attributes;
        try {
          attributes = AttributesJson.decode(rows.getString(7));
        } catch (AttributesJson.CorruptRowException e) {
          throw new CorruptRow(version);
        }
        long deadline = rows.getLong(5);
        Instant absoluteDeadline = rows.wasNull() ? null : Micros.toInstant(deadline);
        SessionRecord record =
            new SessionRecord(
                key,
                Micros.toInstant(rows.getLong(2)),
                Micros.toInstant(rows.getLong(3)),
                Micros.toDuration(rows.getLong(4)),
                absoluteDeadline,
                rows.getString(6),
                attributes);
        Row row = new Row(record, version);
        if (recent != null) {
          recent.put(row);
        }
        return Optional.of(row);
      }
    }
  }

  /** A live row whose attributes cannot be decoded; it is deleted if still at this version. */
  static final class CorruptRow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long version;

    CorruptRow(long version) {
      super("corrupt row", null, false, false);
      this.version = version;
    }
  }

  void create(Connection connection, SessionRecord record) throws SQLException {
    try (PreparedStatement statement = prepare(connection, upsert)) {
      statement.setString(1, record.key().value());
      statement.setLong(2, Micros.of(record.creationTime()));
      statement.setLong(3, Micros.of(record.lastAccessTime()));
      statement.setLong(4, Micros.of(record.idleTimeout()));
      setNullableLong(statement, 5, record.absoluteDeadline());
      statement.setLong(6, Micros.of(record.expiresAt()));
      setNullableString(statement, 7, record.principal());
      statement.setString(8, AttributesJson.encode(record.attributes()));
      // A random first version, so that a row deleted and created again under the same key can
      // never match a version remembered from its earlier life.
      statement.setLong(9, FIRST_VERSIONS.nextLong() >>> 2);
      statement.executeUpdate();
    }
  }

  boolean apply(Connection connection, SessionDelta delta, Instant now) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    if (delta.changesAttributes()) {
      String merge = dialect.mergeAttributes(connection, delta, parameters);
      if (merge == null) {
        return compareAndSwap(connection, delta, now);
      }
      sql.append("attributes = ").append(merge).append(", ");
    }
    return update(connection, sql, parameters, delta, now, null);
  }

  /**
   * Applies a delta where the database cannot merge JSON: merge in Java into the row as last seen
   * (remembered from this store's load, else read now), and write it back only if nobody changed it
   * meanwhile (same version); else read it again and re-apply. One statement when the row was
   * loaded just before, as the engine does.
   */
  private boolean compareAndSwap(Connection connection, SessionDelta delta, Instant now)
      throws SQLException {
    Row seen = recent.get(delta.key());
    for (int attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt++) {
      Optional<Row> row = seen != null ? Optional.of(seen) : load(connection, delta.key(), now);
      seen = null;
      if (row.isEmpty()) {
        recent.remove(delta.key());
        return false;
      }
      SessionRecord merged = row.get().record().apply(delta);
      StringBuilder sql =
          new StringBuilder("UPDATE ").append(table).append(" SET attributes = ?, ");
      List<Object> parameters =
          new ArrayList<>(List.of(AttributesJson.encode(merged.attributes())));
      if (update(connection, sql, parameters, delta, now, row.get().version())) {
        recent.put(new Row(merged, row.get().version() + 1));
        return true;
      }
    }
    throw new SQLException("session row kept changing under " + MAX_SWAP_ATTEMPTS + " attempts");
  }

  private boolean update(
      Connection connection,
      StringBuilder sql,
      List<Object> parameters,
      SessionDelta delta,
      Instant now,
      Long expectedVersion)
      throws SQLException {
    sql.append("last_access_time_us = ?, idle_timeout_us = ?, expires_at_us = ?, ");
    parameters.add(Micros.of(delta.lastAccessTime()));
    parameters.add(Micros.of(delta.idleTimeout()));
    parameters.add(Micros.of(delta.expiresAt()));
    if (delta.principalChanged()) {
      sql.append("principal = ?, ");
      parameters.add(new NullableString(delta.principal()));
    }
    sql.append("version = version + 1 WHERE session_key = ? AND expires_at_us > ?");
    parameters.add(delta.key().value());
    parameters.add(Micros.of(now));
    if (expectedVersion != null) {
      sql.append(" AND version = ?");
      parameters.add(expectedVersion);
    }
    try (PreparedStatement statement = prepare(connection, sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (value instanceof NullableString text) {
          setNullableString(statement, i + 1, text.value());
        } else if (value instanceof java.sql.Array array) {
          statement.setArray(i + 1, array);
        } else {
          statement.setObject(i + 1, value);
        }
      }
      return statement.executeUpdate() > 0;
    }
  }

  private record NullableString(String value) {}

  boolean touch(
      Connection connection, SessionKey key, Instant lastAccess, Instant expiresAt, Instant now)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, touch)) {
      statement.setLong(1, Micros.of(lastAccess));
      statement.setLong(2, Micros.of(expiresAt));
      statement.setString(3, key.value());
      statement.setLong(4, Micros.of(now));
      return statement.executeUpdate() > 0;
    }
  }

  boolean delete(Connection connection, SessionKey key, Instant now) throws SQLException {
    if (recent != null) {
      recent.remove(key);
    }
    try (PreparedStatement statement = prepare(connection, delete)) {
      statement.setString(1, key.value());
      statement.setLong(2, Micros.of(now));
      return statement.executeUpdate() > 0;
    }
  }

  /** Deletes a corrupt row unless it was rewritten after it was read. */
  void deleteVersion(Connection connection, SessionKey key, long version) throws SQLException {
    try (PreparedStatement statement =
        prepare(connection, "DELETE FROM " + table + " WHERE session_key = ? AND version = ?")) {
      statement.setString(1, key.value());
      statement.setLong(2, version);
      statement.executeUpdate();
    }
  }

  Set<SessionKey> findByPrincipal(Connection connection, String principal, Instant now)
      throws SQLException {
    try (PreparedStatement statement =
        prepare(
            connection,
            "SELECT session_key FROM " + table + " WHERE principal = ? AND expires_at_us > ?")) {
      statement.setString(1, principal);
      statement.setLong(2, Micros.of(now));
      Set<SessionKey> keys = new HashSet<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(new SessionKey(rows.getString(1)));
        }
      }
      return keys;
    }
  }

  int deleteByPrincipal(Connection connection, String principal, Instant now) throws SQLException {
    try (PreparedStatement statement =
        prepare(
            connection, "DELETE FROM " + table + " WHERE principal = ? AND expires_at_us > ?")) {
      statement.setString(1, principal);
      statement.setLong(2, Micros.of(now));
      return statement.executeUpdate();
    }
  }

  int sweepBatch(Connection connection, Instant now, int limit) throws SQLException {
    return dialect.sweepBatch(connection, table, Micros.of(now), limit);
  }

  /**
   * Reads no rows but names every column, so that a missing table or an older layout is a clear
   * error at start-up rather than at the first request.
   *
   * @throws IllegalStateException when the table or a column is missing (SQLSTATE class 42)
   */
  void checkColumns(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        prepare(connection, "SELECT " + Dialect.COLUMNS + " FROM " + table + " WHERE 1 = 0")) {
      statement.executeQuery().close();
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
        throw new IllegalStateException(
            "session table "
                + table
                + " is missing or lacks columns ("
                + e.getMessage()
                + "); create it with the DDL of JdbcSessionStore.ddl(...) or createTable(true)",
            e);
      }
      throw e;
    }
  }

  void createTable(Connection connection) throws SQLException {
    for (String ddl : dialect.ddl(table)) {
      try (PreparedStatement statement = prepare(connection, ddl)) {
        statement.execute();
      }
    }
  }

  private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }

  private static void setNullableLong(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, Micros.of(value));
    }
  }

  private static void setNullableString(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
