package dev.sessionkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The attributes SessionKit keeps in a session for itself, under names applications cannot write:
 * stores carry them like any attribute, so no store needs a column or field for them.
 */
final class Reserved {

  /** The prefix of every reserved name. */
  static final String PREFIX = "sessionkit.";

  /** The description of the client a bound session was made for (client binding). */
  static final String CLIENT = PREFIX + "client";

  /** This session's own cookie lifetime in seconds (0: browser session), when it has one. */
  static final String COOKIE_MAX_AGE = PREFIX + "cookieMaxAge";

  /** The description of the device the session was made on ("your sessions"). */
  static final String DEVICE = PREFIX + "device";

  /** Every reserved name, hidden from {@link Session#attributeNames()}. */
  static final Set<String> NAMES = Set.of(CLIENT, COOKIE_MAX_AGE, DEVICE);

  private Reserved() {}

  /**
   * Refuses an application's attribute name that is reserved.
   *
   * @throws IllegalArgumentException for a name with the reserved prefix
   */
  static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "attribute names starting with '" + PREFIX + "' are reserved: " + name);
    }
  }

  /** The stored form of a session's own cookie lifetime; null is a browser-session cookie. */
  static String encodeCookieMaxAge(Duration maxAge) {
    return Long.toString(maxAge == null ? 0 : maxAge.toSeconds());
  }

  /** A session's own cookie lifetime from its stored form, else the settings' one. */
  static Duration cookieMaxAge(String stored, Duration fallback) {
    if (stored == null) {
      return fallback;
    }
    try {
      long seconds = Long.parseLong(stored);
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
