package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionManager;
import dev.sessionkit.spi.SessionKey;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The bridge from SessionKit's events to the container's session listeners of one application:
 * {@link HttpSessionListener} and {@link HttpSessionIdListener} hear the engine's events (it is
 * added to the {@code SessionManager} as a {@link SessionListener}), {@link
 * HttpSessionAttributeListener} and {@link HttpSessionBindingListener} values hear the changes made
 * through {@code HttpSession} in a request. A listener that throws is logged, at WARNING with its
 * stack trace the first time each of its methods fails and at DEBUG after that, and the request
 * goes on. Thread-safe.
 */
final class SessionEvents implements SessionListener {

  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

  /**
   * The request whose session is ending or committing on this thread: an event about its session
   * gets a view that reads its attributes.
   */
  private static final ThreadLocal<Supplier<Session>> HELD = new ThreadLocal<>();

  private final ServletContext context;
  // The engine this bridge listens to, or null when no listener here hears its events.
  private volatile SessionManager engine;
  private final List<HttpSessionListener> lifecycle = new ArrayList<>();
  private final List<HttpSessionIdListener> ids = new ArrayList<>();
  private final List<HttpSessionAttributeListener> attributes = new ArrayList<>();
  // The listener methods (class and name) that have failed before: their trace is logged once.
  private final Set<String> failedBefore = ConcurrentHashMap.newKeySet();

  private SessionEvents(ServletContext context, List<EventListener> listeners) {
    this.context = context;
    for (EventListener l : listeners) {
      if (l instanceof HttpSessionListener s) {
        lifecycle.add(s);
      }
      if (l instanceof HttpSessionIdListener s) {
        ids.add(s);
      }
      if (l instanceof HttpSessionAttributeListener s) {
        attributes.add(s);
      }
    }
  }

  /**
   * Starts the bridge for the listeners the application registered with its container: when some
   * hear session lifecycles, it joins the engine's listeners until {@link #stop()}.
   */
  static SessionEvents start(ServletContext context, SessionManager manager) {
    SessionEvents events = new SessionEvents(context, ContainerListeners.of(context));
    if (events.hearsEngine()) {
      manager.addListener(events);
      events.engine = manager;
    }
    return events;
  }

  /** Leaves the engine's listeners (the application stops; the engine may live on). */
  void stop() {
    SessionManager e = engine;
    if (e != null) {
      e.removeListener(this);
      engine = null;
    }
  }

  /** The bridge for the given listeners. */
  static SessionEvents of(ServletContext context, List<EventListener> listeners) {
    return new SessionEvents(context, listeners);
  }

  /** Whether the engine's events have anyone to go to here. */
  private boolean hearsEngine() {
    return !lifecycle.isEmpty() || !ids.isEmpty();
  }

  /**
   * Runs a commit or an invalidation of the request's session with the session marked as held, so
   * that events about it read its attributes.
   */
  static void holding(Supplier<Session> session, Runnable action) {
    Supplier<Session> before = HELD.get();
    HELD.set(session);
    try {
      action.run();
    } finally {
      if (before == null) {
        HELD.remove();
      } else {
        HELD.set(before);
      }
    }
  }

  private static Session heldOrNull() {
    Supplier<Session> held = HELD.get();
    return held == null ? null : held.get();
  }

  private ListenedSession view(SessionKey key) {
    // Read at each access: the view is live only on a thread that holds the session right then.
    return ListenedSession.of(key, SessionEvents::heldOrNull, context);
  }

  @Override
  public void created(SessionEvent event) {
    destroyedOrCreated(event, true);
  }

  @Override
  public void invalidated(SessionEvent event) {
    destroyedOrCreated(event, false);
  }

  @Override
  public void expired(SessionEvent event) {
    destroyedOrCreated(event, false);
  }

  @Override
  public void evicted(SessionEvent event) {
    destroyedOrCreated(event, false);
  }

  private void destroyedOrCreated(SessionEvent event, boolean created) {
    if (lifecycle.isEmpty()) {
      return;
    }
    ListenedSession session = view(event.key());
    HttpSessionEvent e = new HttpSessionEvent(session);
    for (HttpSessionListener l : lifecycle) {
      if (created) {
        call(l, "sessionCreated", session, () -> l.sessionCreated(e));
      } else {
        call(l, "sessionDestroyed", session, () -> l.sessionDestroyed(e));
      }
    }
  }

  @Override
  public void regenerated(SessionEvent event, SessionKey previousKey) {
    if (ids.isEmpty()) {
      return;
    }
    ListenedSession session = view(event.key());
    HttpSessionEvent e = new HttpSessionEvent(session);
    String old = ListenedSession.idOf(previousKey);
    for (HttpSessionIdListener l : ids) {
      call(l, "sessionIdChanged", session, () -> l.sessionIdChanged(e, old));
    }
  }

  /**
   * Sets an attribute through {@code HttpSession}, telling a {@link HttpSessionBindingListener}
   * value it is bound, the value it replaces that it is unbound, and the attribute listeners.
   */
  void set(Session session, String name, Object value) {
    if (value == null) {
      remove(session, name);
      return;
    }
    Object old = readOrNull(session, name);
    boolean same = Objects.equals(old, value);
    ListenedSession view = ListenedSession.of(session, context);
    if (!same && value instanceof HttpSessionBindingListener bound) {
      // Before the value is stored, as the servlet specification orders it.
      HttpSessionBindingEvent e = new HttpSessionBindingEvent(view, name, value);
      call(bound, "valueBound", view, () -> bound.valueBound(e));
    }
    session.setUntyped(name, value);
    if (!same && old instanceof HttpSessionBindingListener unbound) {
      HttpSessionBindingEvent e = new HttpSessionBindingEvent(view, name, old);
      call(unbound, "valueUnbound", view, () -> unbound.valueUnbound(e));
    }
    if (old == null) {
      attributeEvent(
          view, name, value, HttpSessionAttributeListener::attributeAdded, "attributeAdded");
    } else {
      // The event of a replacement carries the value that was replaced.
      attributeEvent(
          view, name, old, HttpSessionAttributeListener::attributeReplaced, "attributeReplaced");
    }
  }

  /** Removes an attribute through {@code HttpSession}, telling the value and the listeners. */
  void remove(Session session, String name) {
    Object old = readOrNull(session, name);
    session.remove(name);
    if (old != null) {
      removed(ListenedSession.of(session, context), name, old);
    }
  }

  /**
   * Ends the request's session through {@code HttpSession.invalidate()} or {@code Sessions.logout}:
   * {@code sessionDestroyed} reads the attributes while the session ends, then each attribute is
   * told it was removed, as a container does.
   */
  void end(Session session, Runnable invalidate) {
    Map<String, Object> values = new LinkedHashMap<>();
    ListenedSession view = null;
    // Read before the session ends: a logout is rare enough to read every attribute once, and any
    // value may be a binding listener (a type registered for untyped reads).
    if (session != null && session.isValid()) {
      view = ListenedSession.of(session, context);
      for (String name : session.attributeNames()) {
        Object value = readOrNull(session, name);
        if (value != null) {
          values.put(name, value);
        }
      }
    }
    holding(() -> session, invalidate);
    for (Map.Entry<String, Object> v : values.entrySet()) {
      removed(view, v.getKey(), v.getValue());
    }
  }

  private void removed(ListenedSession view, String name, Object old) {
    if (old instanceof HttpSessionBindingListener unbound) {
      HttpSessionBindingEvent e = new HttpSessionBindingEvent(view, name, old);
      call(unbound, "valueUnbound", view, () -> unbound.valueUnbound(e));
    }
    attributeEvent(
        view, name, old, HttpSessionAttributeListener::attributeRemoved, "attributeRemoved");
  }

  private void attributeEvent(
      ListenedSession view,
      String name,
      Object value,
      BiConsumer<HttpSessionAttributeListener, HttpSessionBindingEvent> kind,
      String what) {
    if (attributes.isEmpty()) {
      return;
    }
    HttpSessionBindingEvent e = new HttpSessionBindingEvent(view, name, value);
    for (HttpSessionAttributeListener l : attributes) {
      call(l, what, view, () -> kind.accept(l, e));
    }
  }

  /** The value as {@code getAttribute} gives it, or null when absent or unreadable. */
  private static Object readOrNull(Session session, String name) {
    try {
      return session.getUntyped(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void call(Object listener, String method, ListenedSession session, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      String where = listener.getClass().getName() + "." + method;
      boolean first = failedBefore.add(where);
      LOG.log(
          first ? Level.WARNING : Level.DEBUG,
          where
              + " failed for session "
              + session.shortId()
              + "; ignored, the request goes on"
              + (first ? "" : " (its stack trace was logged the first time)"),
          first ? e : null);
    }
  }
}
