package dev.sessionkit;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.internal.IdSigner;
import java.util.Map;

/**
 * {@link CookieFormat#EXPRESS}: the engine's side of sharing sessions with Node's express-session.
 * The cookie is named {@code connect.sid} unless the settings name it, signed as cookie-signature
 * signs ({@link ExpressCookie}), and sent with {@code Expires} only; values are plain JSON (Node
 * would read a type tag as data), and the record's own members ({@code cookie}, {@code sessionkit})
 * are not attribute names. The record format itself is {@link ExpressSessionJson}.
 */
enum ExpressDialect implements CookieDialect {
  INSTANCE;

  /** The cookie name express-session uses unless told otherwise. */
  static final String COOKIE_NAME = "connect.sid";

  private static final System.Logger LOG = System.getLogger(ExpressDialect.class.getName());

  @Override
  public IdSigner signer(KeyRing keys, String cookieName) {
    if (keys.legacyCount() > 0) {
      // Once per engine, at start-up: the operator must know these secrets are still in use.
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} of the {1} session secrets are shorter than {2} bytes: accepted only to verify the"
              + " express-session cookies Node signed with them, never to sign; remove them from"
              + " both sides once those cookies have expired (docs/express-session.md)",
          keys.legacyCount(),
          keys.size(),
          KeyRing.MIN_KEY_BYTES);
    }
    return new ExpressCookie(keys);
  }

  @Override
  public CookieSettings settings(CookieSettings cookie, Map<String, Class<?>> typeAliases) {
    if (!typeAliases.isEmpty()) {
      // Aliases tag values ({"@t":..}), which Node would read as data: plain JSON only.
      throw new IllegalStateException(
          "registerType / allowUntyped cannot be combined with cookieFormat(EXPRESS): values"
              + " shared with Node are plain JSON; declare attributeType(name, type) instead");
    }
    return cookie.withDefaultName(COOKIE_NAME);
  }

  @Override
  public void checkName(String name) {
    // Shared with Node, the session is one JSON object whose cookie member is express-session's.
    ExpressSessionJson.checkName(name);
  }

  @Override
  public boolean typeTags() {
    return false;
  }

  @Override
  public SetCookie shape(SetCookie cookie) {
    return cookie.withoutMaxAge();
  }
}
