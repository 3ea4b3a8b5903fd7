package dev.sessionkit;

/**
 * Hears about the life of sessions. Every method has a do-nothing default. Implementations are
 * called on request threads or store threads and must be thread-safe and quick; an exception they
 * throw is logged and otherwise ignored.
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
}
