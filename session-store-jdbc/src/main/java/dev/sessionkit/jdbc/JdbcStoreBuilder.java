package dev.sessionkit.jdbc;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.Settings;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.spi.StoreFactory;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The settings of a {@link JdbcSessionStore}, and the factory the engine builds it with. Exactly
 * one of {@link #dataSource} and {@link #jdbcUrl} is required; everything else has a default:
 *
 * <ul>
 *   <li>{@link #tableName}: {@value JdbcSessionStore#DEFAULT_TABLE_NAME}
 *   <li>{@link #createTable}: {@value JdbcSessionStore#DEFAULT_CREATE_TABLE}
 *   <li>{@link #sweeper}: true, every {@link #sweepInterval}: {@link
 *       JdbcSessionStore#DEFAULT_SWEEP_INTERVAL}, jittered by a fifth either way
 *   <li>{@link #sweepBatchSize}: {@value JdbcSessionStore#DEFAULT_SWEEP_BATCH_SIZE}
 *   <li>{@link #timeout}: {@link JdbcSessionStore#DEFAULT_TIMEOUT}
 *   <li>{@link #nearCache(long)}: off; its maximum age {@link
 *       JdbcSessionStore#DEFAULT_NEAR_CACHE_MAXIMUM_AGE}
 * </ul>
 *
 * <p>Each setting may be given once. {@link #create} checks them all, applies the defaults and may
 * be called again, each time building a new store (with a new pool, for {@link #jdbcUrl}). Not
 * thread-safe.
 */
public final class JdbcStoreBuilder implements StoreFactory {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  private DataSource dataSource;
  private JdbcUrl jdbcUrl;
  private String tableName;
  private Boolean createTable;
  private Boolean sweeper;
  private Duration sweepInterval;
  private Integer sweepBatchSize;
  private Duration timeout;
  private Long nearCacheSize;
  private Duration nearCacheAge;

  JdbcStoreBuilder() {}

  /**
   * Uses a connection pool the application owns; the store never closes it, nor changes the session
   * settings of its connections, so it bounds each statement itself (see {@link #timeout}).
   *
   * @param dataSource the pool
   * @return this builder
   * @throws IllegalStateException if a data source was already given
   * @throws NullPointerException if {@code dataSource} is null
   */
  public JdbcStoreBuilder dataSource(DataSource dataSource) {
    this.dataSource = Settings.once(this.dataSource, dataSource, "dataSource");
    return this;
  }

  /**
   * Builds a HikariCP pool that the store owns and closes: at most 10 connections, and the {@link
   * #timeout} bounds waiting for a connection, connecting and reading from a socket (PostgreSQL and
   * MySQL/MariaDB drivers) and, on PostgreSQL and H2, each connection's lock waits on the server
   * (see {@link #timeout}). Needs {@code com.zaxxer:HikariCP} and the database's driver at run
   * time; on the module path, HikariCP must be resolved ({@code --add-modules com.zaxxer.hikari}),
   * as this module only {@code requires static} it.
   *
   * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app}
   * @param user the database user, or null
   * @param password the password, or null
   * @return this builder
   * @throws IllegalStateException if a JDBC URL was already given
   * @throws NullPointerException if {@code url} is null
   */
  public JdbcStoreBuilder jdbcUrl(String url, String user, String password) {
    Settings.requireUnset(this.jdbcUrl, "jdbcUrl");
    this.jdbcUrl = new JdbcUrl(url, user, password);
    return this;
  }

  /**
   * Names the table, optionally schema-qualified.
   *
   * @param tableName letters, digits and '_', at most 48 characters (checked by {@link #create})
   * @return this builder
   * @throws IllegalStateException if already given
   * @throws NullPointerException if {@code tableName} is null
   */
  public JdbcStoreBuilder tableName(String tableName) {
    this.tableName = Settings.once(this.tableName, tableName, "tableName");
    return this;
  }

  /**
   * Creates the table and its indexes at build when they are missing.
   *
   * @param createTable whether to create them
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcStoreBuilder createTable(boolean createTable) {
    this.createTable = Settings.once(this.createTable, createTable, "createTable");
    return this;
  }

  /**
   * Switches the background sweep on or off; the one switch for it. When off, {@link
   * JdbcSessionStore#sweepExpired()} still works, for a sweep run by a scheduler of the
   * application's (one sweeper per cluster, say).
   *
   * @param sweeper whether the store sweeps by itself
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcStoreBuilder sweeper(boolean sweeper) {
    this.sweeper = Settings.once(this.sweeper, sweeper, "sweeper");
    return this;
  }

  /**
   * Sets the period of the background sweep.
   *
   * @param sweepInterval a positive period (checked by {@link #create}, which also refuses it
   *     together with {@code sweeper(false)})
   * @return this builder
   * @throws IllegalStateException if already given
   * @throws NullPointerException if {@code sweepInterval} is null
   */
  public JdbcStoreBuilder sweepInterval(Duration sweepInterval) {
    this.sweepInterval = Settings.once(this.sweepInterval, sweepInterval, "sweepInterval");
    return this;
  }

  /**
   * Sets how many rows one sweep statement deletes at most, so that no sweep holds locks long.
   *
   * @param sweepBatchSize a positive count (checked by {@link #create})
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcStoreBuilder sweepBatchSize(int sweepBatchSize) {
    this.sweepBatchSize = Settings.once(this.sweepBatchSize, sweepBatchSize, "sweepBatchSize");
    return this;
  }

  /**
   * Bounds each statement, a wait for a row lock included, and, for a pool built from {@link
   * #jdbcUrl}, the wait for a connection and (two seconds longer) for the socket. On PostgreSQL
   * through a {@link #jdbcUrl} pool the server enforces it ({@code lock_timeout} and {@code
   * statement_timeout}, set on each new connection, to the millisecond); through an application's
   * {@link #dataSource} the store cancels a statement that runs past it, looking every 50 ms. On
   * MySQL/MariaDB and H2 each statement carries it as its JDBC query timeout (rounded up to whole
   * seconds), which MariaDB Connector/J hands to a MariaDB server; an H2 lock wait is bounded by
   * H2's {@code LOCK_TIMEOUT}, which a {@link #jdbcUrl} pool sets to this. Either way the call
   * fails with a {@link dev.sessionkit.SessionStoreTimeoutException}.
   *
   * @param timeout a positive duration (checked by {@link #create})
   * @return this builder
   * @throws IllegalStateException if already given
   * @throws NullPointerException if {@code timeout} is null
   */
  public JdbcStoreBuilder timeout(Duration timeout) {
    this.timeout = Settings.once(this.timeout, timeout, "timeout");
    return this;
  }

  /**
   * Keeps up to {@code maximumSize} recently loaded sessions in this process, for at most {@link
   * JdbcSessionStore#DEFAULT_NEAR_CACHE_MAXIMUM_AGE}: the same as {@link #nearCache(long,
   * Duration)} with that age, and the same default as the Redis store's near cache.
   *
   * @param maximumSize how many sessions to keep, at least 1
   * @return this builder
   * @throws IllegalStateException if the near cache was already set
   */
  public JdbcStoreBuilder nearCache(long maximumSize) {
    return nearCache(maximumSize, JdbcSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE);
  }

  /**
   * Keeps up to {@code maximumSize} recently loaded sessions in this process for at most {@code
   * maximumAge} by the engine's clock, so that repeated loads of a session within that time cost no
   * query. Off by default. A database pushes nothing: a change or logout made on another node is
   * seen here only once the kept copy is {@code maximumAge} old, so that is how stale a load can
   * be; this node's own writes are seen at once, and expiry is still judged on every load by the
   * engine's clock.
   *
   * @param maximumSize how many sessions to keep, at least 1
   * @param maximumAge how long at most a session is kept; positive, at most one minute
   * @return this builder
   * @throws IllegalStateException if the near cache was already set
   * @throws NullPointerException if {@code maximumAge} is null
   */
  public JdbcStoreBuilder nearCache(long maximumSize, Duration maximumAge) {
    Objects.requireNonNull(maximumAge, "maximumAge");
    this.nearCacheSize = Settings.once(this.nearCacheSize, maximumSize, "nearCache");
    this.nearCacheAge = maximumAge;
    return this;
  }

  /**
   * Returns a factory for a store in connect-pg-simple's table, with this builder's data source or
   * JDBC URL, timeout and table name (default {@link JdbcSessionStore#EXPRESS_TABLE_NAME}), so that
   * a Node application using express-session with connect-pg-simple shares the sessions: {@code
   * session(sid varchar primary key, sess json not null, expire timestamp(6) not null)}, {@code
   * sess} express-session's JSON (attribute values as plain JSON, {@code cookie}, and SessionKit's
   * own {@code sessionkit} member). {@link #createTable} creates that table when missing. A delta
   * or a touch is one {@code UPDATE} that merges in SQL ({@code json_each}, and {@code jsonb} for
   * the cookie); members the other side wrote are kept with their exact text, and a deleted session
   * is never written again. PostgreSQL only.
   *
   * <p><b>Rows are keyed by raw session ids</b>, because Node looks them up so: anyone who can read
   * the table can use the sessions. Use it with {@code
   * SessionConfigBuilder.cookieFormat(CookieFormat.EXPRESS)} while Node and Java share sessions,
   * then go back to the default layout (docs/express-session.md). There is no background sweep in
   * this layout (connect-pg-simple prunes expired rows), nor the principal index or inventory.
   *
   * @return the factory to give to {@code SessionManager.create}
   * @throws IllegalStateException (from the factory) as {@link #create} does, when the sweep is
   *     configured, or when the database is not PostgreSQL
   */
  public StoreFactory expressLayout() {
    return context -> {
      Objects.requireNonNull(context, "context");
      if (sweeper != null || sweepInterval != null || sweepBatchSize != null) {
        throw new IllegalStateException(
            "the sweep settings cannot be combined with expressLayout: connect-pg-simple prunes"
                + " its table itself");
      }
      if (nearCacheSize != null) {
        throw new IllegalStateException(
            "nearCache cannot be combined with expressLayout: Node writes these rows without"
                + " telling the cache");
      }
      StoreSettings settings =
          StoreSettings.check(
              dataSource,
              jdbcUrl,
              Settings.orDefault(tableName, JdbcSessionStore.EXPRESS_TABLE_NAME),
              createTable,
              false,
              null,
              null,
              timeout);
      Database database = Database.open(settings);
      if (database.dialect() != Dialect.POSTGRESQL) {
        database.close();
        throw new IllegalStateException(
            "expressLayout needs PostgreSQL (connect-pg-simple's table, merged in SQL);"
                + " this database is "
                + database.dialect());
      }
      try {
        ExpressJdbcStore store =
            new ExpressJdbcStore(
                database, settings.tableName(), settings.createTable(), context.clock());
        LOG.log(
            System.Logger.Level.INFO,
            "expressLayout(): the sid column of table {0} holds raw session ids, as"
                + " connect-pg-simple needs; whoever can read it can use the sessions"
                + " (docs/express-session.md, Raw ids at rest)",
            settings.tableName());
        return store;
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    };
  }

  /**
   * Checks every setting, then connects, detects the database, creates the table if asked and
   * starts the background sweeper. The store reads time from the context's clock and reports
   * expired sessions to its listener. The builder is left as it was.
   *
   * @param context the engine's clock and listener
   * @return the store, which the caller closes
   * @throws IllegalStateException if neither or both of a data source and a JDBC URL were given, if
   *     {@code sweepInterval} is combined with {@code sweeper(false)}, if a JDBC URL is given
   *     without HikariCP, or if the database is not PostgreSQL, MySQL/MariaDB or H2 or lacks the
   *     table
   * @throws IllegalArgumentException if a setting is out of range
   * @throws SessionStoreException if the database cannot be reached
   */
  @Override
  public JdbcSessionStore create(StoreContext context) {
    Objects.requireNonNull(context, "context");
    StoreSettings settings =
        StoreSettings.check(
            dataSource,
            jdbcUrl,
            tableName,
            createTable,
            sweeper,
            sweepInterval,
            sweepBatchSize,
            timeout);
    NearCacheCore near =
        nearCacheSize == null
            ? null
            : JdbcNearCache.create(nearCacheSize, nearCacheAge, context.clock());
    return new JdbcSessionStore(settings, context, near);
  }
}
