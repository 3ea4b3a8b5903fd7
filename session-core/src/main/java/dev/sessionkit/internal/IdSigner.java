package dev.sessionkit.internal;

import java.util.Optional;

/**
 * A cookie format that carries a signed session id: SessionKit's own ({@link CookieSigner}) or
 * express-session's. Implementations are thread-safe.
 */
public interface IdSigner {

  /**
   * Signs an id with the active key.
   *
   * @param id the session id
   * @return the cookie value, as sent in {@code Set-Cookie}
   */
  String sign(SessionId id);

  /**
   * Verifies a cookie value from a client, trying every key in constant time.
   *
   * @param value any text, possibly null or hostile
   * @return the id, when the value is well formed and signed by a key of the ring
   */
  Optional<SessionId> verify(String value);

  /**
   * Returns whether a value has the shape of a signed value, whether or not it verifies.
   *
   * @param value any text, possibly null
   * @return true for a value that could be genuine
   */
  boolean isWellFormed(String value);
}
