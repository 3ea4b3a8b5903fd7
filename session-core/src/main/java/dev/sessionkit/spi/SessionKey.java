package dev.sessionkit.spi;

import java.util.Objects;

/**
 * The key under which a store keeps a session: the lowercase hex SHA-256 of the session id.
 *
 * <p>A dump of a store holds only keys, and a key cannot be turned back into a usable id. Keys are
 * safe to log.
 *
 * @param value 64 lowercase hex digits
 */
public record SessionKey(String value) {

  /**
   * Checks the shape of a key.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not 64 lowercase hex digits
   */
  public SessionKey {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("session key must be 64 lowercase hex digits");
    }
  }

  private static boolean isWellFormed(String value) {
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
   * Returns a short form for logs.
   *
   * @return the first 12 hex digits
   */
  public String shortForm() {
    return value.substring(0, 12);
  }

  @Override
  public String toString() {
    return "SessionKey[" + shortForm() + "]";
  }
}
