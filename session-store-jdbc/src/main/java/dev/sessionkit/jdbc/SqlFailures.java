package dev.sessionkit.jdbc;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** Turns driver and pool failures into the core's store exceptions, timeouts apart. */
final class SqlFailures {

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
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
