package dev.sessionkit.spi;

import dev.sessionkit.internal.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key under which a store keeps a session: the lowercase hex SHA-256 of the session id.
 *
 * <p>A dump of a store holds only keys, and a key cannot be turned back into a usable id. Keys are
 * safe to log. The one exception is a store that declares {@link SessionStore#keysByRawId()} (the
 * express-compatible layouts, which Node reads by id): it is handed keys whose value is the raw id
 * ({@link #isRawId()}). Such a key's {@link #toString()} and {@link #shortForm()} still show only a
 * hash.
 *
 * @param value 64 lowercase hex digits, or for a store keyed by raw ids, a session id (22 to 86
 *     base64url characters)
 */
public record SessionKey(String value) {

  /**
   * Checks the shape of a key.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is neither 64 lowercase hex digits nor a
   *     well-formed session id
   */
  public SessionKey {
    Objects.requireNonNull(value, "value");
    if (!isHash(value) && !SessionId.isWellFormed(value)) {
      throw new IllegalArgumentException(
          "session key must be 64 lowercase hex digits or a session id");
    }
  }

  private static boolean isHash(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (!isLowerHex(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /**
   * Returns whether this key is a raw session id (a bearer credential: never log its value) rather
   * than a hash of one.
   *
   * @return true for a raw id
   */
  public boolean isRawId() {
    return !isHash(value);
  }

  /**
   * Returns a short form for logs.
   *
   * @return the first 12 hex digits of the key, or of the SHA-256 of a raw id
   */
  public String shortForm() {
    if (!isRawId()) {
      return value.substring(0, 12);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SessionKey[" + shortForm() + "]";
  }
}
