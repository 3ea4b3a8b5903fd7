package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
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

  /**
   * When the session got its current id, and the key it had before: a JSON string {@code "<epoch
   * millis> <previous key>"}, written by renewal. Absent until the first renewal.
   */
  static final String RENEWED = PREFIX + "renewed";

  /**
   * 16 random bytes (a JSON string of base64url) written when a principal is set on the session,
   * from which its handle is made ({@link SessionHandles}): moved by renewal with the rest, kept by
   * {@code regenerate(true)}, so the handle lasts as long as the login. Never an id or a key.
   */
  static final String HANDLE_SEED = PREFIX + "handleSeed";

  /**
   * The principal whose login the session held when {@link SessionsByPrincipal#expire} ended it (a
   * JSON string): the session then holds nothing else of that login, and its next request learns
   * why it is logged out ({@link SessionsByPrincipal#expiredPrincipal}). A new login on the session
   * drops it.
   */
  static final String EXPIRED = PREFIX + "expired";

  /** Every reserved name, hidden from {@link Session#attributeNames()}. */
  static final Set<String> NAMES =
      Set.of(CLIENT, COOKIE_MAX_AGE, DEVICE, RENEWED, HANDLE_SEED, EXPIRED);

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

  /** The stored form of a renewal: when, and from which key (a hash, never an id). */
  static String encodeRenewed(Instant at, SessionKey from) {
    return "\"" + at.toEpochMilli() + " " + from.value() + "\"";
  }

  /** When the session got its current id: its last renewal, else its creation. */
  static Instant renewedAt(String stored, Instant creationTime) {
    if (stored != null) {
      int space = stored.indexOf(' ');
      try {
        return Instant.ofEpochMilli(Long.parseLong(stored.substring(1, space)));
      } catch (RuntimeException e) {
        // Unreadable: counted from creation, so renewal is never put off by a bad value.
      }
    }
    return creationTime;
  }

  /**
   * Whether a record was renewed from the given key: a store that answers a load of {@code key}
   * with another key's record is followed only when that record says it was renewed from it.
   */
  static boolean renewedFrom(SessionRecord record, SessionKey key) {
    String stored = record.attributes().get(RENEWED);
    return stored != null && stored.endsWith(" " + key.value() + "\"");
  }
}
