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
  static final Duration INTERVAL = LogWindow.INTERVAL;

  private final System.Logger log;
  private final Clock clock;
  private final ConcurrentMap<Class<?>, LogWindow> windows = new ConcurrentHashMap<>();

  FailureLog(System.Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
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
    long previouslySuppressed =
        windows.computeIfAbsent(failure.getClass(), k -> new LogWindow()).record(now);
    if (previouslySuppressed < 0) {
      return;
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
