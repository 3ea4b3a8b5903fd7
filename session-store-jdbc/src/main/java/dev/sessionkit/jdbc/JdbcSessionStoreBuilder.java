package dev.sessionkit.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Configures a {@link JdbcSessionStore}; each setting may be given once. Exactly one of {@link
 * #dataSource} and {@link #jdbcUrl} is required; everything else has a default:
 *
 * <ul>
 *   <li>{@link #tableName}: {@value #DEFAULT_TABLE_NAME}
 *   <li>{@link #createTable}: false
 *   <li>{@link #clock}: {@link Clock#systemUTC()}
 *   <li>{@link #sweepInterval}: {@link #DEFAULT_SWEEP_INTERVAL}, jittered by a fifth either way
 *   <li>{@link #sweepBatchSize}: {@value #DEFAULT_SWEEP_BATCH_SIZE}
 *   <li>{@link #queryTimeout}: {@link #DEFAULT_QUERY_TIMEOUT}
 * </ul>
 *
 * <p>Not thread-safe; build once at start-up.
 */
public final class JdbcSessionStoreBuilder {

  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_sessions";

  /** The default period of the background sweep: one minute. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

  /** The default number of rows one sweep statement deletes at most. */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1000;

  /** The default bound on one statement and on waiting for a pooled connection: five seconds. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  private DataSource dataSource;
  private String url;
  private String user;
  private String password;
  private String tableName;
  private Boolean createTable;
  private Clock clock;
  private Duration sweepInterval;
  private boolean sweepIntervalSet;
  private Boolean sweeper;
  private Integer sweepBatchSize;
  private Duration queryTimeout;

  JdbcSessionStoreBuilder() {}

  /**
   * Uses a connection pool the application owns; the store never closes it.
   *
   * @param dataSource the pool
   * @return this builder
   * @throws IllegalStateException if a data source or JDBC URL was already given
   */
  public JdbcSessionStoreBuilder dataSource(DataSource dataSource) {
    requireConnectionUnset();
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * Builds a HikariCP pool that the store owns and closes: at most 10 connections, and the {@link
   * #queryTimeout} bounds waiting for a connection, connecting and reading from a socket
   * (PostgreSQL and MySQL/MariaDB drivers). Needs {@code com.zaxxer:HikariCP} and the database's
   * driver on the class path.
   *
   * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app}
   * @param user the database user, or null
   * @param password the password, or null
   * @return this builder
   * @throws IllegalStateException if a data source or JDBC URL was already given
   */
  public JdbcSessionStoreBuilder jdbcUrl(String url, String user, String password) {
    requireConnectionUnset();
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
    return this;
  }

  /**
   * Names the table, optionally schema-qualified.
   *
   * @param tableName letters, digits and '_'
   * @return this builder
   * @throws IllegalArgumentException if the name is not a plain identifier
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder tableName(String tableName) {
    requireUnset(this.tableName, "tableName");
    this.tableName = JdbcSessionStoreSettings.checkTableName(tableName);
    return this;
  }

  /**
   * Creates the table and its indexes at build when they are missing.
   *
   * @param createTable whether to create them
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder createTable(boolean createTable) {
    requireUnset(this.createTable, "createTable");
    this.createTable = createTable;
    return this;
  }

  /**
   * Sets the clock that decides expiry.
   *
   * @param clock the clock
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder clock(Clock clock) {
    requireUnset(this.clock, "clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the period of the background sweep; null or zero switches it off.
   *
   * @param sweepInterval the period, or null
   * @return this builder
   * @throws IllegalArgumentException if negative
   * @throws IllegalStateException if already given, or combined with {@code sweeper(false)}
   */
  public JdbcSessionStoreBuilder sweepInterval(Duration sweepInterval) {
    if (sweepIntervalSet) {
      throw new IllegalStateException("sweepInterval was already set");
    }
    if (sweepInterval != null && sweepInterval.isNegative()) {
      throw new IllegalArgumentException("sweepInterval must not be negative: " + sweepInterval);
    }
    this.sweepIntervalSet = true;
    this.sweepInterval = sweepInterval;
    return this;
  }

  /**
   * Switches the background sweep on or off; {@link JdbcSessionStore#sweepExpired()} still works
   * when it is off, for a sweep run by a scheduler of the application's.
   *
   * @param sweeper whether the store sweeps by itself
   * @return this builder
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder sweeper(boolean sweeper) {
    requireUnset(this.sweeper, "sweeper");
    this.sweeper = sweeper;
    return this;
  }

  /**
   * Sets how many rows one sweep statement deletes at most, so that no sweep holds locks long.
   *
   * @param sweepBatchSize a positive count
   * @return this builder
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder sweepBatchSize(int sweepBatchSize) {
    requireUnset(this.sweepBatchSize, "sweepBatchSize");
    if (sweepBatchSize <= 0) {
      throw new IllegalArgumentException("sweepBatchSize must be positive: " + sweepBatchSize);
    }
    this.sweepBatchSize = sweepBatchSize;
    return this;
  }

  /**
   * Bounds each statement (rounded up to whole seconds, as JDBC counts them) and, for a pool built
   * from {@link #jdbcUrl}, the wait for a connection and for the socket.
   *
   * @param queryTimeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already given
   */
  public JdbcSessionStoreBuilder queryTimeout(Duration queryTimeout) {
    requireUnset(this.queryTimeout, "queryTimeout");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout must be positive: " + queryTimeout);
    }
    this.queryTimeout = queryTimeout;
    return this;
  }

  /**
   * Connects, detects the database, creates the table if asked and starts the sweeper.
   *
   * @return the store
   * @throws IllegalStateException if neither a data source nor a JDBC URL was given, if settings
   *     conflict, or if the database is not PostgreSQL, MySQL/MariaDB or H2
   * @throws dev.sessionkit.SessionStoreException if the database cannot be reached
   */
  public JdbcSessionStore build() {
    if (dataSource == null && url == null) {
      throw new IllegalStateException("either dataSource or jdbcUrl is required");
    }
    boolean sweeping = sweeper == null || sweeper;
    if (!sweeping && sweepInterval != null && !sweepInterval.isZero()) {
      throw new IllegalStateException("sweepInterval cannot be combined with sweeper(false)");
    }
    Duration interval = sweepIntervalSet ? sweepInterval : DEFAULT_SWEEP_INTERVAL;
    if (!sweeping || interval == null || interval.isZero()) {
      interval = null;
    }
    Duration timeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
    int timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
    DataSource source = dataSource;
    AutoCloseable owned = null;
    if (source == null) {
      source = openPool(timeout);
      owned = (AutoCloseable) source;
    }
    return new JdbcSessionStore(
        new JdbcSessionStoreSettings(
            source,
            owned,
            tableName == null ? DEFAULT_TABLE_NAME : tableName,
            createTable != null && createTable,
            clock == null ? Clock.systemUTC() : clock,
            interval,
            sweepBatchSize == null ? DEFAULT_SWEEP_BATCH_SIZE : sweepBatchSize,
            timeoutSeconds));
  }

  private DataSource openPool(Duration timeout) {
    try {
      return HikariPools.open(url, user, password, timeout);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "jdbcUrl needs com.zaxxer:HikariCP on the class path; or pass a DataSource", e);
    }
  }

  private void requireConnectionUnset() {
    if (dataSource != null || url != null) {
      throw new IllegalStateException("dataSource and jdbcUrl cannot be combined or given twice");
    }
  }

  private static void requireUnset(Object value, String name) {
    if (value != null) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
