package dev.sessionkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Checks the shape of a key.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not 64 lowercase hex digits
   */
  public SessionKey {
    Objects.requireNonNull(value, "value");
    if (value.length() != 64 || !value.chars().allMatch(SessionKey::isLowerHex)) {
      throw new IllegalArgumentException("session key must be 64 lowercase hex digits");
    }
  }

  /**
   * Hashes an id into its key.
   *
   * @param id the session id
   * @return its key
   */
  public static SessionKey of(SessionId id) {
    Objects.requireNonNull(id, "id");
    byte[] digest = SHA_256.get().digest(id.value().getBytes(StandardCharsets.US_ASCII));
    return new SessionKey(HEX.formatHex(digest));
  }

  /** A digest per thread: looking one up from the providers on every request costs more. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
          });

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
