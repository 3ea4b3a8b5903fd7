package dev.sessionkit.servlet;

import dev.sessionkit.CookieRejection;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts rejected session cookies per client address over intervals of {@link #INTERVAL}, warns
 * about clients that look like they guess ids, and remembers which clients the {@link ClientGuard}
 * blocked.
 *
 * <p>A browser sends a stale cookie after a logout, an expiry or a store restart: that is counted
 * and logged at DEBUG only. A client whose rejected cookies in one interval reach the warning
 * threshold gets one WARNING line with its address, its count and why its cookies were rejected (as
 * the engine reported them, {@link dev.sessionkit.SessionContext#rejections()}); never a cookie
 * value. Per interval at most one such line and one blocking line are written; further clients are
 * counted, and a summary is written when the interval closes (by the filter's {@link LogTimer}, the
 * next rejection after its end, or the filter's destruction). At most {@link #MAX_CLIENTS}
 * addresses are tracked per interval; past that, clients are counted together and cannot be blocked
 * one by one, so memory stays bounded. Thread-safe.
 */
final class RejectedCookieLog {

  /** How long one interval lasts. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  /** The most client addresses tracked in one interval. */
  static final int MAX_CLIENTS = 10_000;

  private static final CookieRejection[] REASONS = CookieRejection.values();

  /** The rejections of one client in the current interval. */
  private static final class Client {
    final AtomicLong rejected = new AtomicLong();
    final AtomicLongArray reasons = new AtomicLongArray(REASONS.length);
    volatile boolean blocked;
  }

  /** One interval: its clients, its totals, and what was logged of it. */
  private static final class Interval {
    final Instant start;
    final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder cookies = new LongAdder();
    // Guarded by the log.
    boolean warned;
    long moreWarned;
    boolean blockLogged;
    long moreBlocked;
    boolean closed;

    Interval(Instant start) {
      this.start = start;
    }

    Instant end() {
      return start.plus(INTERVAL);
    }
  }

  private final System.Logger log;
  private final Clock clock;
  private final ClientGuard guard;
  private final int warnAt;
  private final LogTimer timer;
  private volatile Interval interval = new Interval(Instant.MIN.plus(INTERVAL));
  // Until when, in epoch millis, some client may be blocked: the end of the interval in which the
  // guard last blocked one. Lets a request skip the address lookup when nobody is blocked.
  private volatile long blockingUntil = Long.MIN_VALUE;

  /**
   * Creates the log.
   *
   * @param log where lines go
   * @param clock what decides the intervals
   * @param guard who is blocked
   * @param warnAt how many rejected cookies of one client in one interval make a warning
   * @param timer started at the first rejection, to close intervals by time
   */
  RejectedCookieLog(System.Logger log, Clock clock, ClientGuard guard, int warnAt, LogTimer timer) {
    this.log = log;
    this.clock = clock;
    this.guard = guard;
    this.warnAt = warnAt;
    this.timer = timer;
  }

  /**
   * The current interval, starting a new one (and closing the old) when it has passed. Every
   * request that had rejections asks, so only the start of an interval takes the lock.
   */
  private Interval current(Instant now) {
    Interval current = interval;
    if (now.isBefore(current.end())) {
      return current;
    }
    synchronized (this) {
      current = interval;
      if (!now.isBefore(current.end())) {
        close(current);
        current = new Interval(now);
        interval = current;
      }
      return current;
    }
  }

  /** Whether any client may be blocked now; when not, no request needs {@link #isBlocked}. */
  boolean anyBlocked() {
    long until = blockingUntil;
    return until != Long.MIN_VALUE && clock.millis() < until;
  }

  /** Whether a client is blocked for the rest of the interval. */
  boolean isBlocked(String address) {
    Map<String, Client> clients = current(clock.instant()).clients;
    Client client = clients.isEmpty() ? null : clients.get(address);
    return client != null && client.blocked;
  }

  /** The seconds left in the current interval, for {@code Retry-After}. */
  long secondsLeft() {
    long left = Duration.between(clock.instant(), interval.end()).toSeconds();
    return Math.max(1, left);
  }

  /**
   * Records a request's rejected cookies and asks the guard about its client.
   *
   * @param address the client's address
   * @param count how many of its cookies were rejected
   * @param reasons why, as many as the engine reported, possibly none
   */
  void rejected(String address, int count, Map<CookieRejection, Integer> reasons) {
    Instant now = clock.instant();
    timer.start();
    Interval current = current(now);
    current.requests.increment();
    current.cookies.add(count);
    ConcurrentMap<String, Client> map = current.clients;
    Client client = map.get(address);
    if (client == null && map.size() < MAX_CLIENTS) {
      client = map.computeIfAbsent(address, a -> new Client());
    }
    if (client == null) {
      return;
    }
    for (Map.Entry<CookieRejection, Integer> reason : reasons.entrySet()) {
      client.reasons.addAndGet(reason.getKey().ordinal(), reason.getValue());
    }
    long total = client.rejected.addAndGet(count);
    boolean warn = total >= warnAt && total - count < warnAt;
    boolean block = false;
    if (!client.blocked && guard.block(address, total)) {
      client.blocked = true;
      block = true;
      blockingUntil = current.end().toEpochMilli();
    }
    if (!warn && !block) {
      return;
    }
    boolean logWarning = false;
    boolean logBlock = false;
    synchronized (this) {
      if (warn) {
        logWarning = !current.warned;
        current.warned = true;
        current.moreWarned += logWarning ? 0 : 1;
      }
      if (block) {
        logBlock = !current.blockLogged;
        current.blockLogged = true;
        current.moreBlocked += logBlock ? 0 : 1;
      }
    }
    if (logWarning) {
      log.log(
          Level.WARNING,
          "rejected session cookies from "
              + address
              + ": "
              + total
              + " in "
              + INTERVAL.toSeconds()
              + " s ("
              + reasons(client, total)
              + "), at the warning threshold of "
              + warnAt
              + ": someone may be guessing session ids (further clients in this interval are"
              + " counted, not logged)");
    }
    if (logBlock) {
      log.log(
          Level.WARNING,
          "blocking client "
              + address
              + " for the rest of the interval: "
              + total
              + " rejected session cookies");
    }
  }

  private static String reasons(Client client, long total) {
    StringBuilder text = new StringBuilder();
    long known = 0;
    for (CookieRejection reason : REASONS) {
      long n = client.reasons.get(reason.ordinal());
      if (n > 0) {
        known += n;
        text.append(text.length() == 0 ? "" : ", ")
            .append(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append(' ')
            .append(n);
      }
    }
    if (known < total) {
      text.append(text.length() == 0 ? "" : ", ")
          .append("reason not recorded ")
          .append(total - known);
    }
    return text.toString();
  }

  /** Closes the interval if its time is over, writing its summary. */
  void closeDue() {
    current(clock.instant());
  }

  /** Closes the current interval, over or not: the filter is going away. */
  synchronized void closeAll() {
    close(interval);
  }

  private void close(Interval ended) {
    // Called holding the lock.
    if (ended.closed || ended.requests.sum() == 0) {
      ended.closed = true;
      return;
    }
    ended.closed = true;
    String totals =
        ended.cookies.sum()
            + " rejected session cookies in "
            + ended.requests.sum()
            + " requests from "
            + ended.clients.size()
            + (ended.clients.size() < MAX_CLIENTS ? "" : "+")
            + " clients in the "
            + INTERVAL.toSeconds()
            + " s interval from "
            + ended.start;
    if (ended.moreWarned == 0 && ended.moreBlocked == 0) {
      log.log(ended.warned || ended.blockLogged ? Level.INFO : Level.DEBUG, totals);
      return;
    }
    log.log(
        Level.WARNING,
        totals
            + "; "
            + ended.moreWarned
            + " more clients reached the warning threshold of "
            + warnAt
            + " and "
            + ended.moreBlocked
            + " more were blocked");
  }
}
