package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The store's way to its database: a connection borrowed per call from the application's {@link
 * DataSource} or from a pool the store built and owns (and closes), with every driver or pool
 * failure turned into the core's store exceptions. It also knows which database it is ({@link
 * Dialect}) and how statements are bounded in time ({@link StatementBound}): by the server, set
 * once per connection of a pool the store built on PostgreSQL; by the store's {@link
 * StatementWatchdog} on PostgreSQL through an application's pool; else by each statement's JDBC
 * query timeout. Thread-safe.
 */
final class Database implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  /** Work on one borrowed connection. */
  @FunctionalInterface
  interface SqlCall<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final AutoCloseable ownedPool;
  private final Dialect dialect;
  private final StatementBound bound;
  // Null unless the bound needs it.
  private final StatementWatchdog watchdog;

  private Database(
      DataSource dataSource,
      AutoCloseable ownedPool,
      Dialect dialect,
      StatementBound bound,
      StatementWatchdog watchdog) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.dialect = dialect;
    this.bound = bound;
    this.watchdog = watchdog;
  }

  /**
   * Uses the application's data source, or opens the store's own pool, and asks the database what
   * it is.
   *
   * @throws IllegalStateException when a JDBC URL is given but HikariCP cannot be loaded, or the
   *     database is not one the store supports
   * @throws dev.sessionkit.SessionStoreException when the database cannot be reached
   */
  static Database open(StoreSettings settings) {
    DataSource source = settings.dataSource();
    AutoCloseable ownedPool = null;
    boolean boundedAtConnect = false;
    if (source == null) {
      if (!hikariIsPresent()) {
        throw new IllegalStateException(
            "jdbcUrl(...) needs HikariCP (com.zaxxer:HikariCP) on the class path, or on the module"
                + " path with --add-modules com.zaxxer.hikari; add it, or pass a DataSource to"
                + " dataSource(...) instead");
      }
      HikariPools.Pool pool = HikariPools.open(settings.jdbcUrl(), settings.timeout());
      source = pool.dataSource();
      ownedPool = pool.closer();
      boundedAtConnect = pool.boundedAtConnect();
    }
    Database detecting = new Database(source, ownedPool, null, null, null);
    try {
      Dialect dialect =
          detecting.call(
              "start the JDBC session store on table " + settings.tableName(),
              c -> Dialect.of(c.getMetaData().getDatabaseProductName()));
      if (boundedAtConnect) {
        return new Database(source, ownedPool, dialect, StatementBound.BY_SERVER, null);
      }
      if (dialect == Dialect.POSTGRESQL) {
        // The application's connections are not the store's to set up, and PgJDBC's own query
        // timeout costs a timer task per statement: the store watches its statements itself.
        StatementWatchdog watchdog =
            new StatementWatchdog(settings.tableName(), settings.timeout());
        return new Database(
            source, ownedPool, dialect, StatementBound.watchedBy(watchdog), watchdog);
      }
      StatementBound perStatement = StatementBound.queryTimeout(settings.timeoutSeconds());
      return new Database(source, ownedPool, dialect, perStatement, null);
    } catch (RuntimeException e) {
      detecting.close();
      throw e;
    }
  }

  // HikariCP is an optional dependency (requires static): ask for it by name before any class
  // that links against it is loaded.
  private static boolean hikariIsPresent() {
    try {
      Class.forName("com.zaxxer.hikari.HikariDataSource", false, Database.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Runs work on a borrowed connection.
   *
   * @param what what the work does, for the message of a failure ("load session …")
   * @throws dev.sessionkit.SessionStoreException when the database or the pool fails
   */
  <T> T call(String what, SqlCall<T> call) {
    try (Connection connection = dataSource.getConnection()) {
      return call.run(connection);
    } catch (SQLException e) {
      throw SqlFailures.translate(what, e);
    }
  }

  /**
   * Runs work on a borrowed connection for one session, naming it in the message of a failure only
   * when there is one.
   *
   * @param operation what the work does, e.g. {@code "load session"}
   * @throws dev.sessionkit.SessionStoreException when the database or the pool fails
   */
  <T> T call(String operation, SessionKey key, SqlCall<T> call) {
    try (Connection connection = dataSource.getConnection()) {
      for (int attempt = 1; ; attempt++) {
        try {
          return call.run(connection);
        } catch (SQLException e) {
          // A deadlock victim (InnoDB, when a write meets a renewal's locks) was rolled back whole:
          // running it again is safe, and is what the database asks for.
          if (attempt == DEADLOCK_ATTEMPTS || !"40001".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.translate(operation + " " + key.shortForm(), e);
    }
  }

  /** How often a session's statement that lost a deadlock is run, in all. */
  private static final int DEADLOCK_ATTEMPTS = 3;

  /** Borrows a connection, for work that translates its own failures. */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /** Returns which database this is. */
  Dialect dialect() {
    return dialect;
  }

  /** Returns how each statement is bounded in time. */
  StatementBound bound() {
    return bound;
  }

  /**
   * Runs work in one transaction at the given isolation on a borrowed connection, and puts the
   * connection's auto-commit and isolation back afterwards, as the pool lent it.
   *
   * @param isolation a {@link Connection} {@code TRANSACTION_*} level
   * @throws SQLException when the work or the commit fails; the transaction is rolled back
   */
  static <T> T inTransaction(Connection connection, int isolation, SqlCall<T> work)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    int previousIsolation = connection.getTransactionIsolation();
    if (previousIsolation != isolation) {
      connection.setTransactionIsolation(isolation);
    }
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
      if (previousIsolation != isolation) {
        connection.setTransactionIsolation(previousIsolation);
      }
    }
  }

  /**
   * Stops the watchdog, and closes the pool if the store built it; an application's data source is
   * left open.
   */
  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.close();
    }
    if (ownedPool == null) {
      return;
    }
    try {
      ownedPool.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing the session store's connection pool failed", e);
    }
  }
}
