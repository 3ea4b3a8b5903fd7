package dev.sessionkit;

/**
 * How the session cookie carries the signed session id. Chosen with {@link
 * SessionConfigBuilder#cookieFormat}; {@link #SESSIONKIT} unless set.
 */
public enum CookieFormat {

  /**
   * SessionKit's own format: {@code <id>.<mac>}, the MAC an HMAC-SHA256 of the cookie name and id
   * under a key derived from the key ring, base64url. The default.
   */
  SESSIONKIT,

  /**
   * The format of Node's express-session (cookie-signature): {@code s:<id>.<mac>}, URI-encoded in
   * the header, the MAC an HMAC-SHA256 of the id under the secret itself, standard base64 without
   * padding. A secret list works as in express-session: the first signs, each verifies. The cookie
   * is named {@code connect.sid} unless {@link CookieSettings.Builder#name} says otherwise, and is
   * sent with {@code Expires} only, as express-session sends it. Ids minted here are still 256-bit
   * (43 characters); ids Node minted (32 characters) are accepted. Use it to share sessions with a
   * Node application during a move, together with a store layout Node reads (see the Redis and JDBC
   * stores' express layouts).
   */
  EXPRESS
}
