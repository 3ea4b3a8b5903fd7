package dev.sessionkit.jdbc;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The store's way to its database: a connection borrowed per call from the application's {@link
 * DataSource} or from a pool the store built and owns (and closes), with every driver or pool
 * failure turned into the core's store exceptions. It also knows how statements are bounded in
 * time: by the server, set once per connection of a pool the store built where the database allows
 * it, else by a timeout on each statement. Thread-safe.
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
  private final int statementTimeoutSeconds;

  private Database(DataSource dataSource, AutoCloseable ownedPool, int statementTimeoutSeconds) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.statementTimeoutSeconds = statementTimeoutSeconds;
  }

  /**
   * Uses the application's data source, or opens the store's own pool.
   *
   * @throws IllegalStateException when a JDBC URL is given but HikariCP cannot be loaded
   * @throws dev.sessionkit.SessionStoreException when the pool cannot reach the database
   */
  static Database open(StoreSettings settings) {
    if (settings.dataSource() != null) {
      // The application's connections are not the store's to reconfigure: each statement carries
      // its own timeout.
      return new Database(settings.dataSource(), null, settings.queryTimeoutSeconds());
    }
    if (!hikariIsPresent()) {
      throw new IllegalStateException(
          "jdbcUrl(...) needs HikariCP (com.zaxxer:HikariCP) on the class path, or on the module"
              + " path with --add-modules com.zaxxer.hikari; add it, or pass a DataSource to"
              + " dataSource(...) instead");
    }
    HikariPools.Pool pool = HikariPools.open(settings.jdbcUrl(), settings.queryTimeout());
    return new Database(
        pool.dataSource(),
        pool.closer(),
        pool.boundedAtConnect() ? 0 : settings.queryTimeoutSeconds());
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

  /** Borrows a connection, for work that translates its own failures. */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * Returns the timeout to set on each statement, in whole seconds as JDBC counts them; 0 when the
   * server already bounds every statement and lock wait of the pool's connections.
   */
  int statementTimeoutSeconds() {
    return statementTimeoutSeconds;
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

  /** Closes the pool if the store built it; an application's data source is left open. */
  @Override
  public void close() {
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
