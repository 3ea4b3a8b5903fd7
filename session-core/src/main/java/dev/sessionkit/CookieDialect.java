package dev.sessionkit;

import dev.sessionkit.internal.CookieSigner;
import dev.sessionkit.internal.IdSigner;
import java.util.Map;

/**
 * What a {@link CookieFormat} decides beyond the cookie settings: how an id is signed, which
 * attribute names the stored record keeps for itself, whether values may carry type tags, and which
 * attributes a {@code Set-Cookie} carries. Picked once, by {@link #of}, when a config is built and
 * when an engine is made; SessionKit's own format is {@link #SESSIONKIT}, and every compatibility
 * format is one implementation of this, so the default path has no branch for any of them.
 * Implementations are stateless and thread-safe.
 */
interface CookieDialect {

  /** SessionKit's own format: {@code <id>.<mac>}, every cookie attribute, type-tagged values. */
  CookieDialect SESSIONKIT = new CookieDialect() {};

  /**
   * The dialect of a format: the one place that tells them apart.
   *
   * @param format the configured format
   * @return its dialect
   */
  static CookieDialect of(CookieFormat format) {
    return format == CookieFormat.EXPRESS ? ExpressDialect.INSTANCE : SESSIONKIT;
  }

  /**
   * The signer of session ids in cookie values.
   *
   * @param keys the secrets
   * @param cookieName the cookie's name (SessionKit's MAC covers it)
   * @return the signer
   */
  default IdSigner signer(KeyRing keys, String cookieName) {
    return new CookieSigner(keys, cookieName);
  }

  /**
   * The cookie settings as this format sends them (for example its default cookie name), refusing
   * settings it cannot honour.
   *
   * @param cookie the configured settings
   * @param typeAliases the configured type aliases
   * @return the settings to use
   * @throws IllegalStateException when a setting conflicts with the format
   */
  default CookieSettings settings(CookieSettings cookie, Map<String, Class<?>> typeAliases) {
    return cookie;
  }

  /**
   * Refuses an attribute name the stored record keeps for itself.
   *
   * @param name an attribute name
   * @throws IllegalArgumentException when the format reserves it
   */
  default void checkName(String name) {}

  /**
   * Whether values may be written with a type tag (aliases); false when other programs read them.
   *
   * @return true for SessionKit's own format
   */
  default boolean typeTags() {
    return true;
  }

  /**
   * A {@code Set-Cookie} as this format sends it.
   *
   * @param cookie the cookie with every attribute the settings give
   * @return the cookie to send
   */
  default SetCookie shape(SetCookie cookie) {
    return cookie;
  }
}
