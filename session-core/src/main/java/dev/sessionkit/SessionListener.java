package dev.sessionkit;

/**
 * Hears about the life of sessions, rejected cookies and store calls: what metrics and audit logs
 * are made of. Every method has a do-nothing default. Implementations are called on request threads
 * or store threads and must be thread-safe and quick; an exception they throw is logged and
 * otherwise ignored.
 */
public interface SessionListener {

  /** A listener that does nothing. */
  SessionListener NONE = new SessionListener() {};

  /**
   * A session was saved for the first time.
   *
   * @param event what happened
   */
  default void created(SessionEvent event) {}

  /**
   * A session was invalidated by the application (logout), or deleted with its principal's.
   *
   * @param event what happened
   */
  default void invalidated(SessionEvent event) {}

  /**
   * A session reached its idle or absolute deadline.
   *
   * @param event what happened
   */
  default void expired(SessionEvent event) {}

  /**
   * A store dropped a live session to stay within its bounds.
   *
   * @param event what happened
   */
  default void evicted(SessionEvent event) {}

  /**
   * A session got a new id: the event names the new key. Its reason is {@link
   * SessionEvent.Reason#RENEWED} for renewal ({@link Session#renew()} or the renewal interval),
   * whose old id leads to the session for the renewal grace, else {@link SessionEvent.Reason#NONE}
   * ({@link Session#regenerate}, whose old id ends at once).
   *
   * @param event what happened
   */
  default void regenerated(SessionEvent event) {}

  /**
   * A session got a new id, told with the key it had before: what the engine calls. The default
   * passes the event on to {@link #regenerated(SessionEvent)}; override this one when the old key
   * matters (the servlet bridge's {@code HttpSessionIdListener} tells the old id).
   *
   * @param event what happened; its key is the new one
   * @param previousKey the key the session had until now
   */
  default void regenerated(SessionEvent event, dev.sessionkit.spi.SessionKey previousKey) {
    regenerated(event);
  }

  /**
   * A session cookie the client sent gave no session. Called once per rejected value; a request may
   * send several. Never carries the value.
   *
   * @param reason why it was rejected
   */
  default void cookieRejected(CookieRejection reason) {}

  /**
   * The engine called its store. Called only when a listener is set, after every call, on the
   * request's thread; keep it quick (a timer update).
   *
   * @param operation which call
   * @param took how long it took
   * @param failure the exception it threw, or null when it succeeded
   */
  default void storeCalled(StoreOperation operation, java.time.Duration took, Throwable failure) {}
}
