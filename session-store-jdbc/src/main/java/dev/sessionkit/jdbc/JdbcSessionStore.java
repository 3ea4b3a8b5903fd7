package dev.sessionkit.jdbc;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.SessionSweep;
import dev.sessionkit.spi.StoreContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in one table of PostgreSQL, MySQL/MariaDB or H2, reached through any
 * {@link DataSource}, that also finds, caps and ends the sessions of a principal ({@link
 * PrincipalSessions}) and counts, pages and clears the table ({@link SessionInventory}).
 * Thread-safe.
 *
 * <p>Load, touch and delete are one statement each, and so is applying a delta: an {@code UPDATE}
 * that merges the attributes in the database on PostgreSQL ({@code jsonb} operators) and
 * MySQL/MariaDB ({@code JSON_REMOVE} and {@code JSON_SET}), and on H2 a compare-and-swap on the
 * version column that starts from the row this store loaded last (re-read and re-applied when
 * someone changed the row meanwhile). Expiry is decided by the engine's clock, passed to every
 * statement, never by the database's.
 *
 * <p>A row that cannot be read back (attributes that are not a JSON object of strings each holding
 * one JSON value, a missing value, a timeout that is not positive, a malformed key) is a missing
 * session: {@link #load} returns empty and deletes the row, {@link #findByPrincipal} leaves it out.
 * The check is one pass of Jackson's streaming parser over the column and one over each value,
 * without building a tree. {@link #touch}, and {@link #apply} on PostgreSQL and MySQL/MariaDB,
 * write without reading the row, so a row spoilt after the engine loaded it is found out at its
 * next load.
 *
 * <p>Expired rows are deleted by a background sweep (see {@link JdbcStoreBuilder#sweepInterval}) or
 * by {@link #sweepExpired()}, and the engine's {@link SessionListener#expired} hears of each
 * deleted row, on the node whose sweep deleted it.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.create(config,
 *     JdbcSessionStore.builder()
 *         .jdbcUrl("jdbc:postgresql://db/app", "app", password)
 *         .createTable(true));
 * }</pre>
 */
public final class JdbcSessionStore
    implements SessionStore, PrincipalSessions, SessionInventory, SessionRenewal, SessionSweep {

  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_sessions";

  /**
   * The table name of the {@linkplain JdbcStoreBuilder#expressLayout express layout}:
   * connect-pg-simple's.
   */
  public static final String EXPRESS_TABLE_NAME = "session";

  /** The default of {@link JdbcStoreBuilder#createTable}: true. */
  public static final boolean DEFAULT_CREATE_TABLE = true;

  /** The default period of the background sweep: one minute. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

  /** The default number of rows one sweep statement deletes at most. */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1000;

  /**
   * The default bound on one statement, a wait for a row lock included, and on waiting for a pooled
   * connection: one second, so that a request that meets a locked row has its answer (a {@link
   * dev.sessionkit.SessionStoreTimeoutException}) within about a second.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The default longest time the {@linkplain JdbcStoreBuilder#nearCache(long) near cache} answers a
   * session without reading it again, which is also how stale a change made on another node may be
   * seen here: 1 second, as on every store.
   */
  public static final Duration DEFAULT_NEAR_CACHE_MAXIMUM_AGE = NearCacheCore.DEFAULT_MAXIMUM_AGE;

  private final Database database;
  private final SessionTable table;
  private final SessionForwards forwards;
  private final Clock clock;
  private final PrincipalCap cap;
  private final TableInventory inventory;
  private final ExpirySweep sweep;
  // Null when the application sweeps (sweeper(false)).
  private final SweepScheduler sweeper;
  // Null unless nearCache(...) was set.
  private final NearCacheCore near;

  JdbcSessionStore(StoreSettings settings, StoreContext context, NearCacheCore near) {
    this.clock = context.clock();
    this.near = near;
    this.database = Database.open(settings);
    try {
      this.table =
          database.call(
              "start the JDBC session store on table " + settings.tableName(),
              connection ->
                  SessionTable.open(connection, settings, database.dialect(), database.bound()));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.forwards = new SessionForwards(settings.tableName(), table, database.bound());
    this.cap =
        new PrincipalCap(
            settings.tableName(),
            table.dialect().principalLock(),
            database.bound(),
            settings.timeout());
    this.inventory =
        new TableInventory(
            settings.tableName(), table.dialect(), database.bound(), settings.sweepBatchSize());
    this.sweep = new ExpirySweep(database, table, forwards, settings, context);
    this.sweeper =
        settings.backgroundSweep()
            ? new SweepScheduler(settings.tableName(), settings.sweepInterval(), sweep::run)
            : null;
  }

  /**
   * Starts a builder with the defaults listed on {@link JdbcStoreBuilder}.
   *
   * @return a new builder
   */
  public static JdbcStoreBuilder builder() {
    return new JdbcStoreBuilder();
  }

  /**
   * Returns the DDL that creates the sessions table and its indexes on a database, as shipped in
   * the jar, for a migration tool or a DBA.
   *
   * @param databaseProductName the product name, e.g. {@code "PostgreSQL"}, {@code "MariaDB"},
   *     {@code "MySQL"} or {@code "H2"}
   * @param tableName the table name, optionally schema-qualified
   * @return the statements, without trailing semicolons
   * @throws IllegalStateException for an unsupported database
   * @throws IllegalArgumentException for a table name that is not a plain SQL identifier
   */
  public static List<String> ddl(String databaseProductName, String tableName) {
    return Dialect.of(databaseProductName).ddl(StoreSettings.checkTableName(tableName));
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    if (near != null) {
      return near.load(
          key, () -> database.call("load session", key, c -> table.load(c, key, clock.instant())));
    }
    return database.call("load session", key, c -> table.load(c, key, clock.instant()));
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    database.call(
        "create session",
        record.key(),
        c -> {
          table.create(c, record);
          return null;
        });
    forget(record.key());
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    return writeFollowingForward(
        "update session",
        delta.key(),
        (c, at, now) -> table.apply(c, at.equals(delta.key()) ? delta : delta.withKey(at), now));
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    return writeFollowingForward(
        "touch session", key, (c, at, now) -> table.touch(c, at, lastAccessTime, expiresAt, now));
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return writeFollowingForward(
        "delete session",
        key,
        (c, at, now) -> {
          if (!at.equals(key)) {
            forwards.remove(c, key); // a logout through the old id ends its forward too
          }
          return table.delete(c, at, now);
        });
  }

  /**
   * Runs a write on the live row of {@code key}; when there is none and {@code key} is a renewed
   * session's old key in its grace, on the row it leads to. Both keys leave the near cache.
   */
  private boolean writeFollowingForward(String operation, SessionKey key, RowWrite write) {
    SessionKey[] followed = new SessionKey[1];
    boolean written =
        database.call(
            operation,
            key,
            c -> {
              Instant now = clock.instant();
              if (write.on(c, key, now)) {
                return true;
              }
              Optional<SessionKey> to = forwards.target(c, key, now);
              followed[0] = to.orElse(null);
              return to.isPresent() && write.on(c, to.get(), now);
            });
    forget(key);
    forget(followed[0]);
    return written;
  }

  /** A write of one session's row, at the key given. */
  @FunctionalInterface
  private interface RowWrite {
    boolean on(Connection connection, SessionKey at, Instant now) throws SQLException;
  }

  /**
   * Moves a session to a new key in one transaction that locks the old row; see {@link
   * SessionRenewal}. The old key's forward lives in the table {@code <table>_forwards}.
   */
  @Override
  public boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(graceUntil, "graceUntil");
    boolean renewed =
        database.call(
            "renew session",
            from,
            c -> forwards.renew(c, from, delta, graceUntil, clock.instant()));
    forget(from);
    forget(delta.key());
    return renewed;
  }

  /**
   * Lists the live sessions of a principal in one query on the principal index; unreadable rows are
   * left out.
   *
   * @param principal who is logged in
   * @return that principal's live sessions, in no particular order
   * @throws SessionStoreException when the database fails
   */
  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    return database.call(
        "find the sessions of a principal",
        c -> table.findByPrincipal(c, principal, clock.instant()));
  }

  /**
   * Deletes every live session of a principal: one statement on PostgreSQL and H2, a locking read
   * and a delete in one transaction on MySQL/MariaDB.
   *
   * @param principal who is logged in
   * @return the keys of the sessions deleted
   * @throws SessionStoreException when the database fails
   */
  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionKey> deleted =
        database.call(
            "delete the sessions of a principal",
            c -> table.deleteByPrincipal(c, principal, clock.instant()));
    deleted.forEach(this::forget);
    return deleted;
  }

  /**
   * Holds the per-principal cap in one transaction: a lock for the principal (PostgreSQL: {@code
   * pg_advisory_xact_lock}; MySQL/MariaDB: the next-key locks of the locking read under REPEATABLE
   * READ; H2: a lock in this JVM), then one locking read of the principal's live sessions, least
   * recently used first, and, only when over the limit, one delete of the sessions it ends.
   *
   * @param principal who is logging in
   * @param newcomer the key of the session just written with the principal
   * @param limit the most live sessions the principal may have, at least 1
   * @param endOldest true to end the least recently used others; false to refuse the newcomer
   * @return whether the newcomer stays, and the sessions ended, least recently used first
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws SessionStoreException when the database fails or the lock is not had in time
   */
  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(newcomer, "newcomer");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    Admission admission =
        database.call(
            "admit session",
            newcomer,
            c -> cap.admit(c, principal, newcomer, limit, endOldest, clock.instant()));
    forget(newcomer);
    admission.ended().forEach(ended -> forget(ended.key()));
    return admission;
  }

  /**
   * Counts the live rows in one {@code SELECT COUNT(*)}; a row the store would find unreadable is
   * counted until something reads it.
   *
   * @return how many live sessions the table holds
   * @throws SessionStoreException when the database fails
   */
  @Override
  public long count() {
    return database.call("count the sessions", c -> inventory.count(c, clock.instant()));
  }

  /**
   * Reads one page of live sessions in primary-key order (the keys are hashes, so the order says
   * nothing about the sessions), in one statement. The cursor is the last key of the page before;
   * pages hold at most 1000 records, and unreadable rows are left out.
   *
   * @param cursor empty for the first page, else {@link Page#next()} of the previous one
   * @param limit the most records to return, at least 1
   * @return the page
   * @throws IllegalArgumentException for a cursor that is not a key column's value, or a limit
   *     below 1
   * @throws SessionStoreException when the database fails
   */
  @Override
  public Page page(Optional<String> cursor, int limit) {
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    cursor.ifPresent(JdbcSessionStore::checkCursor);
    return database.call(
        "read a page of sessions", c -> inventory.page(c, cursor, limit, clock.instant()));
  }

  // A cursor is a key column's value as the store read it: up to 64 visible ASCII characters.
  private static void checkCursor(String cursor) {
    boolean visibleAscii = cursor.chars().allMatch(ch -> ch > ' ' && ch < 0x7f);
    if (cursor.isEmpty() || cursor.length() > 64 || !visibleAscii) {
      throw new IllegalArgumentException("not a cursor of this store");
    }
  }

  /**
   * Deletes every row of the table, live or expired, in batches of at most the sweep batch size.
   * Fires no events.
   *
   * @return how many rows were deleted
   * @throws SessionStoreException when the database fails; rows deleted before stay deleted
   */
  @Override
  public long clear() {
    long cleared = database.call("clear the sessions", inventory::clear);
    if (near != null) {
      near.forgetAll();
    }
    return cleared;
  }

  /** Drops what the near cache kept of a session this node has just written. */
  private void forget(SessionKey key) {
    if (near != null && key != null) {
      near.forget(key);
    }
  }

  /**
   * Deletes every row that has expired by the engine's clock, in batches of at most the configured
   * batch size, each its own short transaction, and tells the engine's listener of each ({@link
   * SessionListener#expired}, with the session's expiry as the time). Safe to run on several nodes
   * at once: each batch skips rows that another sweeper holds (PostgreSQL, MySQL 8, MariaDB 10.6+),
   * so each expiry is deleted and heard once. The background sweep runs this.
   *
   * @return how many rows were deleted
   * @throws SessionStoreException when the database fails; rows deleted before stay deleted
   */
  @Override
  public long sweepExpired() {
    return sweep.run();
  }

  /**
   * Returns the database dialect detected at build, for diagnostics.
   *
   * @return {@code "PostgreSQL"}, {@code "MySQL/MariaDB"} or {@code "H2"}
   */
  public String databaseDialect() {
    return table.dialect().displayName();
  }

  /**
   * Stops the background sweeper and closes the pool if the store built it; a {@link DataSource}
   * given to the builder is left open.
   */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    database.close();
  }
}
