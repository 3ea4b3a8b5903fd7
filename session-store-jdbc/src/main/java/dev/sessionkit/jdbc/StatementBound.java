package dev.sessionkit.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How the store bounds each statement in time, chosen once per store by {@link Database#open}: the
 * server bounds every statement of the pool's connections already (nothing to do per statement),
 * each statement carries its JDBC query timeout, or the store's {@link StatementWatchdog} watches
 * it. Thread-safe.
 */
final class StatementBound {

  /** Work on a prepared statement whose parameters are bound: executing it, reading its rows. */
  @FunctionalInterface
  interface Execution<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /** Every connection was set up so that the server ends statements and lock waits itself. */
  static final StatementBound BY_SERVER = new StatementBound(0, null);

  private final int queryTimeoutSeconds;
  private final StatementWatchdog watchdog;

  private StatementBound(int queryTimeoutSeconds, StatementWatchdog watchdog) {
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.watchdog = watchdog;
  }

  /** Each statement carries a JDBC query timeout, which the driver enforces as it does. */
  static StatementBound queryTimeout(int seconds) {
    return new StatementBound(seconds, null);
  }

  /** Each statement is watched while it runs, and cancelled past its deadline. */
  static StatementBound watchedBy(StatementWatchdog watchdog) {
    return new StatementBound(0, watchdog);
  }

  /** Runs the execution of a statement within this bound. */
  <T> T execute(PreparedStatement statement, Execution<T> execution) throws SQLException {
    if (queryTimeoutSeconds > 0) {
      statement.setQueryTimeout(queryTimeoutSeconds);
    }
    if (watchdog == null) {
      return execution.run(statement);
    }
    watchdog.enter(statement);
    try {
      return execution.run(statement);
    } finally {
      watchdog.leave(statement);
    }
  }

  @Override
  public String toString() {
    if (watchdog != null) {
      return "watched by the store";
    }
    return queryTimeoutSeconds > 0
        ? "query timeout " + queryTimeoutSeconds + " s"
        : "by the server";
  }
}
