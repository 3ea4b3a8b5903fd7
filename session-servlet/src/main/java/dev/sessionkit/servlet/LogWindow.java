package dev.sessionkit.servlet;

import java.time.Duration;
import java.time.Instant;

/**
 * One interval of a log that must not flood: the first event of each interval is logged, the rest
 * are counted, and the count is handed over when the next interval opens. Thread-safe.
 */
final class LogWindow {

  /** How long one interval lasts. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private Instant start;
  private long suppressed;

  /**
   * Records one event.
   *
   * @param now the clock's now
   * @return -1 when the event falls in the open interval and was counted, not to be logged; else
   *     the interval opens with it (log it) and the answer is how many the last one counted
   */
  synchronized long record(Instant now) {
    if (start != null && now.isBefore(start.plus(INTERVAL))) {
      suppressed++;
      return -1;
    }
    long previously = suppressed;
    start = now;
    suppressed = 0;
    return previously;
  }
}
