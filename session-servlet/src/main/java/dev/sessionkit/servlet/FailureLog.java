package dev.sessionkit.servlet;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.StoreOperation;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs store failures so that an operator can act on them without a flood. Per kind of failure (the
 * exception's class and its root cause's class), the first failure of a window of {@link #INTERVAL}
 * is logged as one line: the exception's class and message, its root cause, the store operation,
 * and how long into the request it came. The rest of the window are counted, and the count is
 * written as one line when the window closes: by time (the filter's {@link LogTimer}), or at the
 * next failure after its end, or when the filter is destroyed, whichever comes first. A kind's
 * stack trace is logged once per process, with its first line; after that only at DEBUG. Under an
 * outage of thousands of requests a second that is two lines per kind per window, and the lines
 * account for every failed request. Thread-safe.
 */
final class FailureLog {

  /** How long one window lasts. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  /** The most kinds with a window of their own; further kinds share one. */
  static final int MAX_KINDS = 32;

  /** The kinds whose stack trace this process has logged. */
  static final Set<String> TRACED_IN_PROCESS = ConcurrentHashMap.newKeySet();

  private static final String OTHER = "other failures";
  private static final int MAX_MESSAGE = 300;

  /** The open window of one kind. Guarded by the log. */
  private static final class Window {
    final Instant start;
    final String kind;
    long suppressed;

    Window(Instant start, String kind) {
      this.start = start;
      this.kind = kind;
    }
  }

  private final System.Logger log;
  private final Clock clock;
  private final Set<String> traced;
  private final LogTimer timer;
  private final Map<String, Window> windows = new HashMap<>();

  /**
   * Creates the log.
   *
   * @param log where lines go
   * @param clock what decides when windows close
   * @param traced the kinds whose stack trace was logged already, shared for the process
   * @param timer started at the first failure, to close windows by time
   */
  FailureLog(System.Logger log, Clock clock, Set<String> traced, LogTimer timer) {
    this.log = log;
    this.clock = clock;
    this.traced = traced;
    this.timer = timer;
  }

  /**
   * Records one failure.
   *
   * @param failure what failed; its message names no session id (store contract)
   * @param during what the request was, e.g. {@code "GET /cart"}
   * @param elapsed how long the request had run when the failure reached the filter
   */
  void failed(Throwable failure, String during, Duration elapsed) {
    Instant now = clock.instant();
    String kind = kind(failure);
    List<String> closed;
    boolean first;
    synchronized (this) {
      closed = closeWindows(now, false);
      if (!windows.containsKey(kind) && windows.size() >= MAX_KINDS) {
        kind = OTHER;
      }
      Window window = windows.get(kind);
      first = window == null;
      if (first) {
        windows.put(kind, new Window(now, kind));
      } else {
        window.suppressed++;
      }
    }
    closed.forEach(line -> log.log(Level.WARNING, line));
    if (!first) {
      return;
    }
    timer.start();
    String line = firstLine(failure, kind, during, elapsed);
    if (traced.add(kind)) {
      log.log(Level.WARNING, line, failure);
    } else {
      log.log(Level.WARNING, line);
      if (log.isLoggable(Level.DEBUG)) {
        log.log(Level.DEBUG, "the stack trace of: " + line, failure);
      }
    }
  }

  /** Closes the windows whose time is over and writes their counts. */
  void closeDue() {
    List<String> closed;
    synchronized (this) {
      closed = closeWindows(clock.instant(), false);
    }
    closed.forEach(line -> log.log(Level.WARNING, line));
  }

  /** Closes every window, due or not, and writes their counts: the filter is going away. */
  void closeAll() {
    List<String> closed;
    synchronized (this) {
      closed = closeWindows(clock.instant(), true);
    }
    closed.forEach(line -> log.log(Level.WARNING, line));
  }

  private List<String> closeWindows(Instant now, boolean all) {
    List<String> lines = new ArrayList<>(0);
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      Window window = it.next();
      if (all || !now.isBefore(window.start.plus(INTERVAL))) {
        it.remove();
        if (window.suppressed > 0) {
          lines.add(summary(window));
        }
      }
    }
    return lines;
  }

  private static String summary(Window window) {
    return window.suppressed
        + " more session store failures ("
        + window.kind
        + ") in the "
        + INTERVAL.toSeconds()
        + " s window from "
        + window.start
        + ", after the one logged: "
        + (window.suppressed + 1)
        + " in that window";
  }

  private static String firstLine(Throwable failure, String kind, String during, Duration elapsed) {
    SessionStoreException storeFailure = failure instanceof SessionStoreException e ? e : null;
    Optional<StoreOperation> operation =
        storeFailure == null ? Optional.empty() : storeFailure.operation();
    Optional<Duration> took = storeFailure == null ? Optional.empty() : storeFailure.elapsed();
    Throwable root = root(failure);
    StringBuilder line =
        new StringBuilder("session store failed during ")
            .append(during)
            .append(", ")
            .append(elapsed.toMillis())
            .append(" ms into the request: store operation ")
            .append(operation.map(Enum::name).orElse("unknown"));
    took.ifPresent(d -> line.append(" failed after ").append(d.toMillis()).append(" ms"));
    line.append(": ").append(describe(failure));
    if (root != failure) {
      line.append("; cause: ").append(describe(root));
    }
    return line.append(" (further failures of the kind ")
        .append(kind)
        .append(" in the next ")
        .append(INTERVAL.toSeconds())
        .append(" s are counted, not logged)")
        .toString();
  }

  /** The kind a failure is logged and counted under: its class, and its root cause's class. */
  static String kind(Throwable failure) {
    Throwable root = root(failure);
    String kind = failure.getClass().getSimpleName();
    return root == failure ? kind : kind + " caused by " + root.getClass().getSimpleName();
  }

  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    return root;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return t.getClass().getName();
    }
    // One line, bounded: a driver's message may span lines or quote a whole statement.
    String flat = message.replaceAll("\\s+", " ").trim();
    if (flat.length() > MAX_MESSAGE) {
      flat = flat.substring(0, MAX_MESSAGE) + "…";
    }
    return t.getClass().getName() + ": " + flat;
  }
}
