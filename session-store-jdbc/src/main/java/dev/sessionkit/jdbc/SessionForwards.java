package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Id renewal on the JDBC store: the table {@code <table>_forwards} holds each renewed session's old
 * key, the key it leads to, and the end of its grace window (epoch microseconds, by the engine's
 * clock). Kept apart from the sessions table, so that nothing that lists, counts or sweeps sessions
 * sees a forward. Thread-safe; each call runs on the connection it is given.
 */
final class SessionForwards {

  private final String table;
  private final SessionTable sessions;
  private final StatementBound bound;

  SessionForwards(String sessionsTable, SessionTable sessions, StatementBound bound) {
    this.table = tableOf(sessionsTable);
    this.sessions = sessions;
    this.bound = bound;
  }

  /** The forwards table of a sessions table. */
  static String tableOf(String sessionsTable) {
    return sessionsTable + "_forwards";
  }

  /** Where {@code key} leads at {@code now}, if it is a renewed session's old key in its grace. */
  Optional<SessionKey> target(Connection connection, SessionKey key, Instant now)
      throws SQLException {
    List<String> found =
        new SqlStatement()
            .sql("SELECT new_key FROM " + table + " WHERE old_key = ")
            .value(key.value())
            .sql(" AND until_us > ")
            .value(now)
            .query(connection, bound, row -> Optional.ofNullable(row.getString(1)));
    try {
      return found.isEmpty() ? Optional.empty() : Optional.of(new SessionKey(found.get(0).trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Moves a session to a new key in one transaction: the old row is locked ({@code SELECT … FOR
   * UPDATE}), the moved record inserted, the old row deleted and its forward written. A write
   * through the old key waits for the lock; once the transaction commits it finds no row, and the
   * store follows the forward committed with the move.
   */
  boolean renew(
      Connection connection, SessionKey from, SessionDelta delta, Instant graceUntil, Instant now)
      throws SQLException {
    // At the connection's own isolation: the lock is taken by the same statement shape as a
    // write's, so both lock the row's index entries in one order.
    return Database.inTransaction(
        connection,
        connection.getTransactionIsolation(),
        tx -> {
          Optional<SessionRecord> current = sessions.lockLive(tx, from, now);
          if (current.isEmpty()) {
            return false;
          }
          sessions.create(tx, current.get().withKey(delta.key()).apply(delta));
          sessions.delete(tx, from, now);
          remove(tx, from);
          if (graceUntil.isAfter(now)) {
            new SqlStatement()
                .sql("INSERT INTO " + table + " (old_key, new_key, until_us) VALUES (")
                .value(from.value())
                .sql(", ")
                .value(delta.key().value())
                .sql(", ")
                .value(graceUntil)
                .sql(")")
                .executeUpdate(tx, bound);
          }
          return true;
        });
  }

  /** Ends the forward of {@code key}, if it has one. */
  void remove(Connection connection, SessionKey key) throws SQLException {
    new SqlStatement()
        .sql("DELETE FROM " + table + " WHERE old_key = ")
        .value(key.value())
        .executeUpdate(connection, bound);
  }

  /** Deletes the forwards whose grace has ended; they lead nowhere already. */
  int sweep(Connection connection, Instant now) throws SQLException {
    return new SqlStatement()
        .sql("DELETE FROM " + table + " WHERE until_us <= ")
        .value(now)
        .executeUpdate(connection, bound);
  }

  /** Checks that the table is there, for a clear error at start-up. */
  void probe(Connection connection) throws SQLException {
    new SqlStatement()
        .sql("SELECT old_key, new_key, until_us FROM " + table + " WHERE 1 = 0")
        .query(connection, bound, row -> Optional.empty());
  }
}
