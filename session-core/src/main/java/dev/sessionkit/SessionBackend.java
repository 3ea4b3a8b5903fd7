package dev.sessionkit;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the engine keeps sessions: a {@link SessionStore} behind signed ids, or the cookie itself.
 * Package-private: the engine's seam, not an extension point.
 */
interface SessionBackend {

  /**
   * A cookie value that verified, with the session it names: empty when that session is gone.
   * Expiry is not yet checked.
   */
  record Opened(SessionId id, Optional<SessionRecord> record) {}

  /**
   * Verifies a cookie value, once, and loads the session it names.
   *
   * @return empty for a value that does not verify
   */
  Optional<Opened> open(String cookieValue);

  void create(SessionRecord record);

  boolean apply(SessionDelta delta);

  boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt);

  void delete(SessionKey key);

  int deleteByPrincipal(String principal);

  /** The cookie value for a session as it now stands. */
  String cookieValue(SessionId id, SessionRecord record);

  /** Whether the cookie holds the session itself, so every write must set it again. */
  boolean cookieCarriesState();
}
