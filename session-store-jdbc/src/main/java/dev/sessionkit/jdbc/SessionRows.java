package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How a session is laid out in a row: the columns, a record's values bound to an upsert, and a row
 * read back, or found unreadable. Times are epoch microseconds; attributes are {@link
 * AttributesJson}.
 */
final class SessionRows {

  /** Every column, in the order {@link #bindUpsert} binds them. */
  static final String COLUMNS =
      "session_key, creation_time_us, last_access_time_us, idle_timeout_us, absolute_deadline_us,"
          + " expires_at_us, principal, attributes, version";

  /** The columns {@link #record} and {@link #version} read, in order. */
  static final String RECORD_COLUMNS =
      "session_key, creation_time_us, last_access_time_us, idle_timeout_us, absolute_deadline_us,"
          + " principal, attributes, version";

  /** The columns {@link #removed} reads, in order. */
  static final String REMOVED_COLUMNS = "session_key, principal, expires_at_us";

  private SessionRows() {}

  /** Binds a whole record in {@link #COLUMNS} order, with the version a new row starts at. */
  static void bindUpsert(PreparedStatement statement, SessionRecord record, long firstVersion)
      throws SQLException {
    statement.setString(1, record.key().value());
    statement.setLong(2, Micros.of(record.creationTime()));
    statement.setLong(3, Micros.of(record.lastAccessTime()));
    statement.setLong(4, Micros.of(record.idleTimeout()));
    if (record.absoluteDeadline() == null) {
      statement.setNull(5, Types.BIGINT);
    } else {
      statement.setLong(5, Micros.of(record.absoluteDeadline()));
    }
    statement.setLong(6, Micros.of(record.expiresAt()));
    if (record.principal() == null) {
      statement.setNull(7, Types.VARCHAR);
    } else {
      statement.setString(7, record.principal());
    }
    statement.setString(8, AttributesJson.encode(record.attributes()));
    statement.setLong(9, firstVersion);
  }

  /**
   * Reads the current row of a {@link #RECORD_COLUMNS} query.
   *
   * @return the record, or empty when the row is unreadable: a malformed key, a null where a value
   *     is required, an idle timeout that is not positive, or attributes that {@link
   *     AttributesJson#decode} rejects
   */
  static Optional<SessionRecord> record(ResultSet row) throws SQLException {
    Optional<SessionKey> key = key(row.getString(1));
    long creation = row.getLong(2);
    boolean missingValue = row.wasNull();
    long lastAccess = row.getLong(3);
    missingValue |= row.wasNull();
    long idleTimeout = row.getLong(4);
    missingValue |= row.wasNull();
    long deadline = row.getLong(5);
    Instant absoluteDeadline = row.wasNull() ? null : Micros.toInstant(deadline);
    String principal = row.getString(6);
    if (key.isEmpty() || missingValue || idleTimeout <= 0) {
      return Optional.empty();
    }
    Optional<Map<String, String>> attributes = AttributesJson.decode(row.getString(7));
    return attributes.map(
        values ->
            new SessionRecord(
                key.get(),
                Micros.toInstant(creation),
                Micros.toInstant(lastAccess),
                Micros.toDuration(idleTimeout),
                absoluteDeadline,
                principal,
                values));
  }

  /** Reads the version of the current row of a {@link #RECORD_COLUMNS} query. */
  static long version(ResultSet row) throws SQLException {
    return row.getLong(8);
  }

  /** Reads the current row of a {@link #REMOVED_COLUMNS} query. */
  static Optional<RemovedRow> removed(ResultSet row) throws SQLException {
    return Optional.of(
        new RemovedRow(row.getString(1), row.getString(2), Micros.toInstant(row.getLong(3))));
  }

  private static Optional<SessionKey> key(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      SessionKey key = new SessionKey(value.strip());
      // This table keys by hashes only; a raw id here was not written by the store.
      return key.isRawId() ? Optional.empty() : Optional.of(key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A row a delete removed, as the delete reported it.
   *
   * @param storedKey the key column as stored
   * @param principal who was logged in, or null
   * @param expiresAt when the session ended or was to end
   */
  record RemovedRow(String storedKey, String principal, Instant expiresAt) {

    /** Returns the session's key, or empty for a malformed one (a hand-written row). */
    Optional<SessionKey> key() {
      return SessionRows.key(storedKey);
    }
  }
}
