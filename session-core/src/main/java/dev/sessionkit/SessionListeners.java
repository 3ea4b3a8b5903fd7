package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listener the engine and its store tell: the one the config names, then those added to the
 * {@link SessionManager} since (such as the servlet module's bridge to the container's session
 * listeners). One listener that throws is logged and does not keep the event from the others.
 * Thread-safe.
 *
 * <p>{@link #storeCalled} goes to the configured listener alone, which is what makes the engine
 * time its store calls: adding a listener later costs nothing per store call.
 */
final class SessionListeners implements SessionListener {

  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final SessionListener configured;
  private final List<SessionListener> added = new CopyOnWriteArrayList<>();

  SessionListeners(SessionListener configured) {
    this.configured = Objects.requireNonNull(configured, "configured");
  }

  void add(SessionListener listener) {
    added.add(Objects.requireNonNull(listener, "listener"));
  }

  void remove(SessionListener listener) {
    added.remove(listener);
  }

  /** Whether no one would hear an event: the engine then makes none. */
  boolean isEmpty() {
    return configured == SessionListener.NONE && added.isEmpty();
  }

  @Override
  public void created(SessionEvent event) {
    each(l -> l.created(event), event);
  }

  @Override
  public void invalidated(SessionEvent event) {
    each(l -> l.invalidated(event), event);
  }

  @Override
  public void expired(SessionEvent event) {
    each(l -> l.expired(event), event);
  }

  @Override
  public void evicted(SessionEvent event) {
    each(l -> l.evicted(event), event);
  }

  @Override
  public void regenerated(SessionEvent event) {
    each(l -> l.regenerated(event), event);
  }

  @Override
  public void regenerated(SessionEvent event, SessionKey previousKey) {
    each(l -> l.regenerated(event, previousKey), event);
  }

  @Override
  public void cookieRejected(CookieRejection reason) {
    each(l -> l.cookieRejected(reason), null);
  }

  @Override
  public void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
    configured.storeCalled(operation, took, failure);
  }

  private void each(Consumer<SessionListener> call, SessionEvent event) {
    if (configured != SessionListener.NONE) {
      tell(configured, call, event);
    }
    for (SessionListener l : added) {
      tell(l, call, event);
    }
  }

  private static void tell(SessionListener l, Consumer<SessionListener> call, SessionEvent event) {
    try {
      call.accept(l);
    } catch (RuntimeException e) {
      // The event's key is a hash of the id: safe to log.
      LOG.log(
          Level.WARNING,
          "session listener "
              + l.getClass().getName()
              + " failed"
              + (event == null ? "" : " for " + event.key())
              + "; ignored",
          e);
    }
  }
}
