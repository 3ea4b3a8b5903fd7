package dev.sessionkit.jdbc;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels the store's statements that run past its timeout, on PostgreSQL connections the store
 * does not set up itself (an application's pool, whose session settings are not the store's to
 * change). A statement is entered with its deadline just before it executes and left just after;
 * one daemon thread looks at the entered statements every {@link #TICK} and cancels the late ones
 * with {@link Statement#cancel()}: PgJDBC sends a cancel request over a second connection and the
 * statement fails with SQLSTATE 57014, which the store reports as a timeout.
 *
 * <p>This replaces the JDBC query timeout, which PgJDBC implements with a timer task per statement
 * on a shared {@link java.util.Timer}: scheduling it wakes the timer thread for every statement,
 * and cancelling it takes the timer's lock again, which cost about five microseconds per statement
 * on loopback. Entering and leaving here is a put and a remove in a concurrent map, and nothing is
 * woken. A late statement is cancelled up to one tick after its deadline. PgJDBC ignores a cancel
 * of a statement that is no longer running, so a statement that ends just as the watchdog looks is
 * left alone. Thread-safe.
 */
final class StatementWatchdog implements AutoCloseable {

  /** How often the watchdog looks; also how late, at most, a statement is cancelled. */
  static final Duration TICK = Duration.ofMillis(50);

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  private final long timeoutNanos;
  private final Map<Statement, Long> deadlines = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;

  StatementWatchdog(String table, Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sessionkit-jdbc-watchdog-" + table);
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(
        this::cancelLate, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Watches a statement that is about to execute. */
  void enter(Statement statement) {
    deadlines.put(statement, System.nanoTime() + timeoutNanos);
  }

  /** Stops watching a statement that has finished, however it finished. */
  void leave(Statement statement) {
    deadlines.remove(statement);
  }

  private void cancelLate() {
    long now = System.nanoTime();
    for (Map.Entry<Statement, Long> entry : deadlines.entrySet()) {
      // Removed first, so that each late statement is cancelled once.
      if (now - entry.getValue() >= 0 && deadlines.remove(entry.getKey(), entry.getValue())) {
        try {
          entry.getKey().cancel();
        } catch (SQLException | RuntimeException e) {
          LOG.log(Level.DEBUG, "could not cancel a session store statement past its timeout", e);
        }
      }
    }
  }

  /** Stops the thread; statements still running are no longer watched. */
  @Override
  public void close() {
    ticker.shutdownNow();
    deadlines.clear();
  }
}
