package dev.sessionkit.jdbc;

import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-principal cap of {@link JdbcSessionStore#admit}: one transaction that takes a lock for
 * the principal, reads the principal's live sessions with a locking read, and deletes the least
 * recently used others, or the newcomer, when there are more than the limit. Thread-safe.
 *
 * <p>Why a lock for the principal, and not only the row locks of the read: the engine writes the
 * newcomer first (auto-committed) and admits it after, so parallel logins must each see the rows
 * the others wrote. Row locks order only admissions whose reads find a common row, and a read does
 * not see a row committed after it started (on PostgreSQL, after its statement's snapshot was
 * taken), so whether two reads are ordered depends on timing. A lock held from before the read to
 * the commit makes the argument short: every admission of a principal waits for the one before it,
 * and its read, which starts after the lock was granted, sees every row committed before.
 */
final class PrincipalCap {

  /** How a database serializes the admissions of one principal: {@link Dialect#principalLock()}. */
  enum Lock {

    /**
     * PostgreSQL: {@code pg_advisory_xact_lock} on the hashes of the table name and the principal,
     * released by the commit. READ COMMITTED, so that the read after it takes a snapshot of its own
     * (under REPEATABLE READ the snapshot would date from the lock statement, before the wait). Two
     * principals whose hashes collide merely wait for each other.
     */
    ADVISORY(Connection.TRANSACTION_READ_COMMITTED) {
      @Override
      void lockInTransaction(
          Connection connection, String table, String principal, StatementBound bound)
          throws SQLException {
        new SqlStatement()
            .sql("SELECT pg_advisory_xact_lock(hashtext(")
            .value(table)
            .sql("), hashtext(")
            .value(principal)
            .sql("))")
            .query(connection, bound, row -> Optional.empty());
      }
    },

    /**
     * MySQL/MariaDB: the locking read itself, under REPEATABLE READ. InnoDB then takes next-key
     * locks over the principal index's range for the principal, which keep other transactions from
     * inserting a row for that principal until the commit, and a locking read always reads the
     * latest committed rows. A parallel login's upsert waits for the admission before it.
     */
    NEXT_KEY(Connection.TRANSACTION_REPEATABLE_READ),

    /**
     * H2: neither named locks nor gap locks, so a lock in this JVM per table and principal
     * (striped), which covers every store instance on an H2 database in this process; H2 is run in
     * process, for development and tests.
     */
    IN_PROCESS(Connection.TRANSACTION_READ_COMMITTED) {
      @Override
      java.util.concurrent.locks.Lock lockBeforeTransaction(
          String table, String principal, Duration timeout) throws SQLException {
        ReentrantLock lock =
            STRIPES[Math.floorMod((table + '\n' + principal).hashCode(), STRIPES.length)];
        try {
          if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new SQLTimeoutException("the admissions of a principal are busy");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting to admit a session", e);
        }
        return lock;
      }
    };

    private static final ReentrantLock[] STRIPES = newStripes(64);

    private final int isolation;

    Lock(int isolation) {
      this.isolation = isolation;
    }

    /** Takes the lock inside the transaction, before the read; nothing by default. */
    void lockInTransaction(
        Connection connection, String table, String principal, StatementBound bound)
        throws SQLException {}

    /**
     * Takes the lock before the transaction starts, to be unlocked after it ended; null by default,
     * for none.
     */
    java.util.concurrent.locks.Lock lockBeforeTransaction(
        String table, String principal, Duration timeout) throws SQLException {
      return null;
    }

    private static ReentrantLock[] newStripes(int count) {
      ReentrantLock[] stripes = new ReentrantLock[count];
      for (int i = 0; i < count; i++) {
        stripes[i] = new ReentrantLock();
      }
      return stripes;
    }
  }

  private final String table;
  private final Lock lock;
  private final StatementBound bound;
  private final Duration timeout;

  /**
   * Holds the cap on one table.
   *
   * @param bound how each statement is bounded in time
   * @param timeout the store's timeout, which also bounds a wait for a lock in this JVM
   */
  PrincipalCap(String table, Lock lock, StatementBound bound, Duration timeout) {
    this.table = table;
    this.lock = lock;
    this.bound = bound;
    this.timeout = timeout;
  }

  /**
   * Holds the cap for a principal whose newcomer was just written.
   *
   * @param now the engine clock's now, which decides what is live
   */
  Admission admit(
      Connection connection,
      String principal,
      SessionKey newcomer,
      int limit,
      boolean endOldest,
      Instant now)
      throws SQLException {
    java.util.concurrent.locks.Lock held = lock.lockBeforeTransaction(table, principal, timeout);
    try {
      return Database.inTransaction(
          connection,
          lock.isolation,
          c -> {
            lock.lockInTransaction(c, table, principal, bound);
            return admitLocked(c, principal, newcomer, limit, endOldest, now);
          });
    } finally {
      if (held != null) {
        held.unlock();
      }
    }
  }

  private Admission admitLocked(
      Connection connection,
      String principal,
      SessionKey newcomer,
      int limit,
      boolean endOldest,
      Instant now)
      throws SQLException {
    // Least recently used first; unreadable rows are missing sessions and do not count.
    List<SessionRecord> live =
        new SqlStatement()
            .sql("SELECT " + SessionRows.RECORD_COLUMNS + " FROM " + table)
            .sql(" WHERE principal = ")
            .value(principal)
            .sql(" AND expires_at_us > ")
            .value(now)
            .sql(" ORDER BY last_access_time_us, session_key FOR UPDATE")
            .query(connection, bound, SessionRows::record);
    // The rule is CapRule's; the read's ORDER BY is its order too, so that the rows are locked in
    // the order the rule ends them.
    if (live.size() <= limit) {
      return new Admission(true, List.of());
    }
    List<SessionRecord> ended = CapRule.victims(live, newcomer, limit, endOldest);
    List<String> keys = ended.stream().map(r -> r.key().value()).toList();
    // The rows are locked by the read, so they are still the principal's and still live.
    RowDeletion.deleteKeys(
        connection, table, keys, new SqlStatement().sql("principal = ").value(principal), bound);
    return new Admission(endOldest, ended);
  }
}
