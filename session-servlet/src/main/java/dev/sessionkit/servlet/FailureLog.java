package dev.sessionkit.servlet;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Logs store failures without flooding: per kind of failure (its exception class), the first of
 * each interval is logged with its cause, the rest are counted, and the count is logged as one line
 * when the next interval's first failure comes. Under an outage of thousands of requests a second,
 * that is two lines per kind per interval. Thread-safe.
 */
final class FailureLog {

  /** How long one interval lasts. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private final System.Logger log;
  private final Clock clock;
  private final ConcurrentMap<Class<?>, Window> windows = new ConcurrentHashMap<>();

  FailureLog(System.Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** The failures of one kind in the current interval. */
  private static final class Window {
    Instant start;
    long suppressed;

    Window(Instant start) {
      this.start = start;
    }
  }

  /**
   * Records one failure.
   *
   * @param failure what failed; its message names no session id (store contract)
   * @param during what the request was, e.g. {@code "GET /cart"}
   */
  void failed(Throwable failure, String during) {
    Instant now = clock.instant();
    String kind = failure.getClass().getSimpleName();
    long previouslySuppressed;
    Window window = windows.computeIfAbsent(failure.getClass(), k -> new Window(Instant.MIN));
    synchronized (window) {
      if (now.isBefore(window.start.plus(INTERVAL)) && window.start != Instant.MIN) {
        window.suppressed++;
        return;
      }
      previouslySuppressed = window.suppressed;
      window.start = now;
      window.suppressed = 0;
    }
    if (previouslySuppressed > 0) {
      log.log(
          Level.WARNING,
          previouslySuppressed
              + " more session store failures ("
              + kind
              + ") in the "
              + INTERVAL.toSeconds()
              + " s before this one");
    }
    log.log(
        Level.WARNING,
        "session store failed during "
            + during
            + " ("
            + kind
            + "; further ones in the next "
            + INTERVAL.toSeconds()
            + " s are counted, not logged)",
        failure);
  }
}
