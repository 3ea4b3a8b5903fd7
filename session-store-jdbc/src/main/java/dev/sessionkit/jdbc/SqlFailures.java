package dev.sessionkit.jdbc;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Turns driver and pool failures into the core's store exceptions, timeouts apart. */
final class SqlFailures {

  /**
   * What PostgreSQL answers when it ends a statement at a timeout: {@code 55P03} when a lock was
   * not granted within {@code lock_timeout}, {@code 57014} when the statement was cancelled (by
   * {@code statement_timeout}, or by PgJDBC's cancel request at the query timeout). PgJDBC reports
   * both as a plain {@code PSQLException}.
   */
  private static final Set<String> TIMEOUT_STATES = Set.of("55P03", "57014");

  private SqlFailures() {}

  static SessionStoreException translate(String what, Exception cause) {
    String message = "JDBC session store could not " + what;
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      message += " (SQLSTATE " + sql.getSQLState() + ")";
    }
    return isTimeout(cause)
        ? new SessionStoreTimeoutException(message + ": timed out", cause)
        : new SessionStoreException(message, cause);
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // HikariCP reports "connection is not available" as a transient connection exception.
      if (t instanceof SQLTimeoutException
          || t instanceof SocketTimeoutException
          || t instanceof SQLTransientConnectionException
          || (t instanceof SQLException sql
              && sql.getSQLState() != null
              && TIMEOUT_STATES.contains(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
