package dev.sessionkit.servlet;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes the windows of the filter's logs by time: once started, it runs its task every {@link
 * #TICK} on one daemon thread, so a window's summary is written soon after the window ends, not
 * when the next event comes. Started on a log's first event, so a filter that never logs has no
 * thread. The logs decide what is due from their injected clock; the timer only asks them often.
 * Thread-safe.
 */
final class LogTimer implements AutoCloseable {

  /** How often the task runs once started. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final Runnable task;
  private final boolean enabled;
  private ScheduledExecutorService executor;
  private boolean closed;
  private volatile boolean started;

  private LogTimer(Runnable task, boolean enabled) {
    this.task = task;
    this.enabled = enabled;
  }

  /**
   * A timer that runs {@code task} every {@link #TICK} once started.
   *
   * @param task what closes the due windows; its exceptions are logged and the timer goes on
   * @return the timer, not yet started
   */
  static LogTimer every(Runnable task) {
    return new LogTimer(task, true);
  }

  /**
   * A timer that never runs: whoever holds the logs closes their windows, as tests do after moving
   * their clock.
   *
   * @return the timer
   */
  static LogTimer manual() {
    return new LogTimer(() -> {}, false);
  }

  /** Starts the timer unless it runs already, was closed, or is manual. Cheap when started. */
  void start() {
    if (started || !enabled) {
      return;
    }
    synchronized (this) {
      if (started || closed) {
        return;
      }
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sessionkit-log-windows");
                t.setDaemon(true);
                return t;
              });
      executor.scheduleWithFixedDelay(
          this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
      started = true;
    }
  }

  private void tick() {
    try {
      task.run();
    } catch (RuntimeException e) {
      System.getLogger(SessionFilter.class.getName())
          .log(Level.WARNING, "closing the log windows failed", e);
    }
  }

  /** Stops the timer for good; the caller closes the last windows itself. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
