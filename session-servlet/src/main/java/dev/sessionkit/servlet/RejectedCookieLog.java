package dev.sessionkit.servlet;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts rejected session cookies per client address over intervals, warns without flooding, and
 * remembers which clients the {@link ClientGuard} blocked. At most {@link #MAX_CLIENTS} addresses
 * are tracked per interval; under a flood of distinct addresses the rest are counted together and
 * cannot be blocked one by one, so memory stays bounded. One warning line per interval at most,
 * naming the address whose rejection opened it and its count; the next one says how many more were
 * rejected meanwhile. Never a cookie value. Thread-safe.
 */
final class RejectedCookieLog {

  /** The most client addresses tracked in one interval. */
  static final int MAX_CLIENTS = 10_000;

  /** The rejections of one client in the current interval. */
  private static final class Client {
    final AtomicLong rejected = new AtomicLong();
    volatile boolean blocked;
  }

  private final System.Logger log;
  private final Clock clock;
  private final ClientGuard guard;
  private final LogWindow warnings = new LogWindow();
  private volatile Interval interval = new Interval(Instant.MIN, new ConcurrentHashMap<>());
  // Until when, in epoch millis, some client may be blocked: the end of the interval in which the
  // guard last blocked one. Lets a request skip the address lookup when nobody is blocked.
  private volatile long blockingUntil = Long.MIN_VALUE;

  /** The clients of one interval and when it started. */
  private record Interval(Instant start, ConcurrentMap<String, Client> clients) {}

  RejectedCookieLog(System.Logger log, Clock clock, ClientGuard guard) {
    this.log = log;
    this.clock = clock;
    this.guard = guard;
  }

  /**
   * The clients of the current interval, starting a new one when it has passed. Every request asks,
   * so only the start of an interval takes the lock.
   */
  private ConcurrentMap<String, Client> current(Instant now) {
    Interval current = interval;
    if (now.isBefore(current.start().plus(LogWindow.INTERVAL))) {
      return current.clients();
    }
    synchronized (this) {
      current = interval;
      if (!now.isBefore(current.start().plus(LogWindow.INTERVAL))) {
        current = new Interval(now, new ConcurrentHashMap<>());
        interval = current;
      }
      return current.clients();
    }
  }

  /** Whether any client may be blocked now; when not, no request needs {@link #isBlocked}. */
  boolean anyBlocked() {
    long until = blockingUntil;
    return until != Long.MIN_VALUE && clock.millis() < until;
  }

  /** Whether a client is blocked for the rest of the interval. */
  boolean isBlocked(String address) {
    Map<String, Client> clients = current(clock.instant());
    Client client = clients.isEmpty() ? null : clients.get(address);
    return client != null && client.blocked;
  }

  /** The seconds left in the current interval, for {@code Retry-After}. */
  long secondsLeft() {
    long left =
        LogWindow.INTERVAL.getSeconds()
            - java.time.Duration.between(interval.start(), clock.instant()).getSeconds();
    return Math.max(1, left);
  }

  /** Records a request's rejected cookies and asks the guard about its client. */
  void rejected(String address, int count) {
    Instant now = clock.instant();
    ConcurrentMap<String, Client> map = current(now);
    Client client = map.get(address);
    if (client == null && map.size() < MAX_CLIENTS) {
      client = map.computeIfAbsent(address, a -> new Client());
    }
    long total;
    String who;
    if (client == null) {
      who = "clients past the first " + MAX_CLIENTS;
      total = count;
    } else {
      who = address;
      total = client.rejected.addAndGet(count);
      if (!client.blocked && guard.block(address, total)) {
        client.blocked = true;
        blockingUntil = interval.start().plus(LogWindow.INTERVAL).toEpochMilli();
        log.log(
            Level.WARNING,
            "blocking client "
                + address
                + " for the rest of the interval: "
                + total
                + " rejected session cookies");
      }
    }
    long meanwhile = warnings.record(now);
    if (meanwhile < 0) {
      return;
    }
    log.log(
        Level.WARNING,
        "rejected session cookies from "
            + who
            + ": "
            + total
            + " in the last "
            + LogWindow.INTERVAL.toSeconds()
            + " s (further ones in the next "
            + LogWindow.INTERVAL.toSeconds()
            + " s are counted, not logged"
            + (meanwhile > 0 ? "; " + meanwhile + " requests with rejected cookies before" : "")
            + ")");
  }
}
