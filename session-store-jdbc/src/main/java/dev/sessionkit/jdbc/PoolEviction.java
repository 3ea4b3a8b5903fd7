package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HikariCP's verdict on a failed statement, for the pool the store builds. When the database is
 * gone (SQLSTATE class {@code 08}, connection exception) or ended the connection ({@code 57P01} to
 * {@code 57P03}: shut down, crashed, cannot connect now, as a PostgreSQL restart does), every
 * pooled connection is as dead as this one: the whole pool is soft-evicted at once (idle
 * connections closed now, busy ones when returned), so that the next requests get new connections
 * instead of each meeting a dead one. HikariCP's own eviction of the one connection is skipped, and
 * with it its warning and stack trace per connection; this class logs one line, at most once per
 * ten seconds. Anything else is left to HikariCP. Thread-safe.
 */
final class PoolEviction implements SQLExceptionOverride {

  private static final System.Logger LOG = System.getLogger(PoolEviction.class.getName());

  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private volatile HikariPoolMXBean pool;
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  /** Starts evicting from this pool; until then HikariCP decides alone. */
  void attach(HikariPoolMXBean pool) {
    this.pool = pool;
  }

  /** Whether a failure means that the connection, and so the pool, lost the database. */
  static boolean lostTheDatabase(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    HikariPoolMXBean attached = pool;
    if (attached == null || !lostTheDatabase(e)) {
      return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
    attached.softEvictConnections();
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the database connection was lost (SQLSTATE "
              + e.getSQLState()
              + ": "
              + e.getMessage()
              + "); every pooled connection is replaced");
    }
    return SQLExceptionOverride.Override.DO_NOT_EVICT;
  }
}
