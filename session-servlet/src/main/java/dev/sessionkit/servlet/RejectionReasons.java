package dev.sessionkit.servlet;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.StoreOperation;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Lets {@link SessionFilter} say why a client's session cookies were rejected (bad signature,
 * unknown or expired id, malformed, another client) when it warns about guessing. The engine
 * reports each rejection's reason to its {@link SessionListener} on the request's thread; the
 * listener this class makes notes it there for the filter, and passes every event on unchanged.
 * Without it the filter still counts every rejection, and its warning says the reasons were not
 * recorded.
 *
 * <pre>{@code
 * SessionConfig.builder()
 *     .listener(RejectionReasons.recording(metrics)) // or recording() when there is no other
 * }</pre>
 */
public final class RejectionReasons {

  private static final CookieRejection[] REASONS = CookieRejection.values();

  // Per thread: the reasons noted since the filter last took them.
  private static final ThreadLocal<long[]> NOTED =
      ThreadLocal.withInitial(() -> new long[REASONS.length]);

  private RejectionReasons() {}

  /**
   * A listener that notes rejection reasons for the filter and does nothing else.
   *
   * @return the listener
   */
  public static SessionListener recording() {
    return recording(new SessionListener() {});
  }

  /**
   * A listener that notes rejection reasons for the filter and passes every event to {@code next}.
   *
   * @param next the application's own listener
   * @return the listener to give to {@code SessionConfigBuilder.listener}
   * @throws NullPointerException if {@code next} is null
   */
  public static SessionListener recording(SessionListener next) {
    return new Recording(Objects.requireNonNull(next, "next"));
  }

  /** Forgets what this thread noted: a request starts. */
  static void clear() {
    long[] noted = NOTED.get();
    Arrays.fill(noted, 0);
  }

  /**
   * Takes what this thread noted since the last {@link #clear} or take, by {@link
   * CookieRejection#ordinal()}.
   *
   * @return a new array, all zero when nothing was noted
   */
  static long[] take() {
    long[] noted = NOTED.get();
    long[] taken = noted.clone();
    Arrays.fill(noted, 0);
    return taken;
  }

  /** Notes one reason on this thread. */
  static void note(CookieRejection reason) {
    NOTED.get()[reason.ordinal()]++;
  }

  /** The listener {@link #recording} makes. */
  record Recording(SessionListener next) implements SessionListener {
    @Override
    public void created(SessionEvent event) {
      next.created(event);
    }

    @Override
    public void invalidated(SessionEvent event) {
      next.invalidated(event);
    }

    @Override
    public void expired(SessionEvent event) {
      next.expired(event);
    }

    @Override
    public void evicted(SessionEvent event) {
      next.evicted(event);
    }

    @Override
    public void regenerated(SessionEvent event) {
      next.regenerated(event);
    }

    @Override
    public void cookieRejected(CookieRejection reason) {
      note(reason);
      next.cookieRejected(reason);
    }

    @Override
    public void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
      next.storeCalled(operation, took, failure);
    }
  }
}
