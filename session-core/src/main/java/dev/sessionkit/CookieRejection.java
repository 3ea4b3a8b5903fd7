package dev.sessionkit;

/**
 * Why a session cookie the client sent gave no session, as {@link SessionListener#cookieRejected}
 * reports it (OWASP: detect session id guessing). The value itself is never reported.
 */
public enum CookieRejection {
  /** Not the shape of a session cookie (length, alphabet, separator). */
  MALFORMED,
  /**
   * Well formed, but no key of the ring signed it (forged, tampered, or signed by a retired key).
   */
  BAD_SIGNATURE,
  /** Genuine, but its session is gone: it expired, was ended, or never was saved. */
  UNKNOWN_OR_EXPIRED,
  /** Genuine and live, but sent by another kind of client than the session was made for. */
  CLIENT_MISMATCH
}
