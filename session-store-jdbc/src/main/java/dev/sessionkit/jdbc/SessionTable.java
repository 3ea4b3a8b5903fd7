package dev.sessionkit.jdbc;

import dev.sessionkit.jdbc.SessionRows.RemovedRow;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of each store operation against one table, one statement per operation wherever the
 * dialect allows. Every statement that reads or changes a session also checks its expiry against
 * the engine clock's "now", passed as a parameter, so the database's own clock never matters.
 * Thread-safe; each call runs on the connection it is given.
 */
final class SessionTable {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  /** Where first versions come from; thread-safe. */
  private static final SecureRandom FIRST_VERSIONS = new SecureRandom();

  /** A compare-and-swap loop that keeps losing is contention past reason, not a normal state. */
  private static final int MAX_SWAP_ATTEMPTS = 100;

  /** Rows remembered for compare-and-swap; a few thousand sessions in use at once on one node. */
  private static final int RECENT_ROWS = 4096;

  /** {@link SessionRows#RECORD_COLUMNS} of the sessions table aliased {@code s}. */
  private static final String FORWARDED_COLUMNS =
      "s." + SessionRows.RECORD_COLUMNS.replace(", ", ", s.");

  private final String table;
  private final Dialect dialect;
  private final StatementBound bound;
  private final String upsert;
  private final RecentRows recent;

  private SessionTable(String table, Dialect dialect, StatementBound bound) {
    this.table = table;
    this.dialect = dialect;
    this.bound = bound;
    this.upsert = dialect.upsert(table);
    this.recent =
        new RecentRows(dialect.deltaMerge() instanceof DeltaMerge.CompareAndSwap ? RECENT_ROWS : 0);
  }

  /**
   * Creates the table if asked, and checks that every column is there, so that a missing table or
   * an older layout is a clear error at start-up rather than at the first request.
   *
   * @throws IllegalStateException when the table or a column is missing (SQLSTATE class 42)
   */
  static SessionTable open(
      Connection connection, StoreSettings settings, Dialect dialect, StatementBound bound)
      throws SQLException {
    SessionTable table = new SessionTable(settings.tableName(), dialect, bound);
    if (settings.createTable()) {
      for (String ddl : dialect.ddl(table.table)) {
        new SqlStatement().sql(ddl).executeUpdate(connection, table.bound);
      }
    }
    table.checkColumns(connection);
    table.checkForwards(connection, settings.tableName());
    return table;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Reads a live session; an unreadable row reads as missing and is deleted. */
  Optional<SessionRecord> load(Connection connection, SessionKey key, Instant now)
      throws SQLException {
    // One statement still: the row of the key, or the row a renewed session's old key leads to.
    SqlStatement forwarded =
        new SqlStatement()
            .sql(" UNION ALL SELECT " + FORWARDED_COLUMNS + " FROM " + table + " s JOIN ")
            .sql(SessionForwards.tableOf(table) + " f ON s.session_key = f.new_key")
            .sql(" WHERE f.old_key = ")
            .value(key.value())
            .sql(" AND f.until_us > ")
            .value(now)
            .sql(" AND s.expires_at_us > ")
            .value(now);
    return loadVersioned(connection, key, now, forwarded).map(VersionedRecord::record);
  }

  private Optional<VersionedRecord> loadVersioned(
      Connection connection, SessionKey key, Instant now) throws SQLException {
    return loadVersioned(connection, key, now, null);
  }

  private Optional<VersionedRecord> loadVersioned(
      Connection connection, SessionKey key, Instant now, SqlStatement orForwarded)
      throws SQLException {
    SqlStatement select =
        new SqlStatement()
            .sql("SELECT " + SessionRows.RECORD_COLUMNS + " FROM " + table + " WHERE ")
            .append(liveKey(key, now));
    if (orForwarded != null) {
      select.append(orForwarded);
    }
    List<ReadRow> rows =
        select.query(
            connection,
            bound,
            row -> Optional.of(new ReadRow(SessionRows.version(row), SessionRows.record(row))));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long version = rows.get(0).version();
    Optional<SessionRecord> record = rows.get(0).record();
    if (record.isEmpty()) {
      deleteUnreadable(connection, key, version);
      return Optional.empty();
    }
    VersionedRecord row = new VersionedRecord(record.get(), version);
    recent.put(row);
    return Optional.of(row);
  }

  /**
   * Reads a live session and locks its row until the transaction ends ({@code FOR UPDATE}), for a
   * renewal; an unreadable row reads as missing.
   */
  Optional<SessionRecord> lockLive(Connection connection, SessionKey key, Instant now)
      throws SQLException {
    recent.remove(key);
    List<Optional<SessionRecord>> rows =
        new SqlStatement()
            .sql("SELECT " + SessionRows.RECORD_COLUMNS + " FROM " + table + " WHERE ")
            .append(liveKey(key, now))
            .sql(" FOR UPDATE")
            .query(connection, bound, row -> Optional.of(SessionRows.record(row)));
    return rows.isEmpty() ? Optional.empty() : rows.get(0);
  }

  /** Deletes an unreadable row unless it was rewritten after it was read. */
  private void deleteUnreadable(Connection connection, SessionKey key, long version) {
    LOG.log(Level.WARNING, "session {0}: unreadable row treated as missing", key.shortForm());
    try {
      new SqlStatement()
          .sql("DELETE FROM " + table + " WHERE session_key = ")
          .value(key.value())
          .sql(" AND version = ")
          .value(version)
          .executeUpdate(connection, bound);
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "session {0}: could not delete unreadable row", key.shortForm());
    }
  }

  void create(Connection connection, SessionRecord record) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(upsert)) {
      // A random first version, so that a row deleted and created again under the same key can
      // never match a version remembered from its earlier life.
      SessionRows.bindUpsert(statement, record, FIRST_VERSIONS.nextLong() >>> 2);
      bound.execute(statement, PreparedStatement::executeUpdate);
    }
  }

  /**
   * Applies a delta: one {@code UPDATE} when nothing but metadata changes or when the database
   * merges the attributes itself; else a compare-and-swap.
   */
  boolean apply(Connection connection, SessionDelta delta, Instant now) throws SQLException {
    SqlStatement update = new SqlStatement().sql("UPDATE " + table + " SET ");
    if (delta.changesAttributes()) {
      if (!(dialect.deltaMerge() instanceof DeltaMerge.InDatabase merge)) {
        return compareAndSwap(connection, delta, now);
      }
      update.sql("attributes = ").append(merge.merged(delta)).sql(", ");
    }
    return metadataWhereLive(update, delta, now).changesRows(connection, bound);
  }

  /**
   * Merges in Java into the row as last seen (remembered from this store's load, else read now),
   * and writes it back only if nobody changed it meanwhile (same version); else reads it again and
   * re-applies. One statement when the row was loaded just before, as the engine does.
   */
  private boolean compareAndSwap(Connection connection, SessionDelta delta, Instant now)
      throws SQLException {
    VersionedRecord seen = recent.get(delta.key());
    for (int attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt++) {
      Optional<VersionedRecord> row =
          seen != null ? Optional.of(seen) : loadVersioned(connection, delta.key(), now);
      seen = null;
      if (row.isEmpty()) {
        recent.remove(delta.key());
        return false;
      }
      SessionRecord merged = row.get().record().apply(delta);
      SqlStatement update =
          new SqlStatement()
              .sql("UPDATE " + table + " SET attributes = ")
              .value(AttributesJson.encode(merged.attributes()))
              .sql(", ");
      metadataWhereLive(update, delta, now).sql(" AND version = ").value(row.get().version());
      if (update.changesRows(connection, bound)) {
        recent.put(new VersionedRecord(merged, row.get().version() + 1));
        return true;
      }
    }
    throw new SQLException("session row kept changing under " + MAX_SWAP_ATTEMPTS + " attempts");
  }

  /** Appends the metadata a delta writes and the condition that the session is live. */
  private static SqlStatement metadataWhereLive(
      SqlStatement update, SessionDelta delta, Instant now) {
    update
        .sql("last_access_time_us = ")
        .value(delta.lastAccessTime())
        .sql(", idle_timeout_us = ")
        .value(Micros.of(delta.idleTimeout()))
        .sql(", expires_at_us = ")
        .value(delta.expiresAt());
    if (delta.principalChanged()) {
      update.sql(", principal = ").value(delta.principal());
    }
    return update.sql(", version = version + 1 WHERE ").append(liveKey(delta.key(), now));
  }

  boolean touch(
      Connection connection, SessionKey key, Instant lastAccess, Instant expiresAt, Instant now)
      throws SQLException {
    return new SqlStatement()
        .sql("UPDATE " + table + " SET last_access_time_us = ")
        .value(lastAccess)
        .sql(", expires_at_us = ")
        .value(expiresAt)
        .sql(" WHERE ")
        .append(liveKey(key, now))
        .changesRows(connection, bound);
  }

  /** Deletes a live session; an expired row is already gone as far as callers can tell. */
  boolean delete(Connection connection, SessionKey key, Instant now) throws SQLException {
    recent.remove(key);
    return new SqlStatement()
        .sql("DELETE FROM " + table + " WHERE ")
        .append(liveKey(key, now))
        .changesRows(connection, bound);
  }

  /** Reads the live sessions of a principal, leaving out unreadable rows. */
  List<SessionRecord> findByPrincipal(Connection connection, String principal, Instant now)
      throws SQLException {
    return new SqlStatement()
        .sql("SELECT " + SessionRows.RECORD_COLUMNS + " FROM " + table)
        .sql(" WHERE ")
        .append(livePrincipal(principal, now))
        .query(connection, bound, SessionRows::record);
  }

  /** Deletes the live sessions of a principal and returns the keys of the rows deleted. */
  List<SessionKey> deleteByPrincipal(Connection connection, String principal, Instant now)
      throws SQLException {
    List<RemovedRow> removed =
        dialect.rowDeletion().deleteAll(connection, table, livePrincipal(principal, now), bound);
    return removed.stream().flatMap(row -> row.key().stream()).toList();
  }

  /**
   * The live row of one key. The expiry is compared as an expression ({@code + 0}) so that no
   * database reaches the row through the expiry index: MariaDB's InnoDB did so for an {@code
   * UPDATE} at times, locking expiry index entries of other rows before the row's own key, which
   * deadlocked with a renewal or a creation that locks in key order. A key finds one row; the index
   * could only make that slower.
   */
  private static SqlStatement liveKey(SessionKey key, Instant now) {
    return new SqlStatement()
        .sql("session_key = ")
        .value(key.value())
        .sql(" AND expires_at_us + 0 > ")
        .value(now);
  }

  private static SqlStatement livePrincipal(String principal, Instant now) {
    return new SqlStatement()
        .sql("principal = ")
        .value(principal)
        .sql(" AND expires_at_us > ")
        .value(now);
  }

  /** Deletes at most {@code limit} rows that expired by {@code now}, skipping rows others hold. */
  List<RemovedRow> sweepBatch(Connection connection, Instant now, int limit) throws SQLException {
    SqlStatement expired = new SqlStatement().sql("expires_at_us <= ").value(now);
    return dialect.rowDeletion().deleteBatch(connection, table, expired, limit, bound);
  }

  /** A row as {@link #loadVersioned} reads it: its version, and its record unless unreadable. */
  private record ReadRow(long version, Optional<SessionRecord> record) {}

  private void checkForwards(Connection connection, String sessionsTable) throws SQLException {
    try {
      new SessionForwards(sessionsTable, this, bound).probe(connection);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
        throw new IllegalStateException(
            "table "
                + SessionForwards.tableOf(sessionsTable)
                + " (renewed ids, new in 0.2) is missing ("
                + e.getMessage()
                + "); create it with the DDL of JdbcSessionStore.ddl(...) or createTable(true)",
            e);
      }
      throw e;
    }
  }

  private void checkColumns(Connection connection) throws SQLException {
    SqlStatement probe =
        new SqlStatement().sql("SELECT " + SessionRows.COLUMNS + " FROM " + table + " WHERE 1 = 0");
    try {
      probe.query(connection, bound, row -> Optional.empty());
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
}
