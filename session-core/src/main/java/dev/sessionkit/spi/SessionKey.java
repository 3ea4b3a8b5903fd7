package dev.sessionkit.spi;

import dev.sessionkit.internal.SessionId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key under which a store keeps a session: the SHA-256 of the session id, written as 64
 * lowercase hex digits. Immutable and thread-safe; two keys are equal when their values are.
 *
 * <p>A dump of a store holds only keys, and a key cannot be turned back into a usable id. Keys are
 * safe to log. The one exception is a store that declares {@link SessionStore#keysByRawId()} (the
 * express-compatible layouts, which Node reads by id): it is handed keys whose value is the raw id
 * ({@link #isRawId()}). Such a key's {@link #toString()} and {@link #shortForm()} still show only a
 * hash.
 *
 * <p>A key holds its hash as 256 bits; its hex text is written the first time {@link #value()} is
 * asked for, so a store that keeps keys in binary ({@link #word(int)}) never pays for the text.
 */
public final class SessionKey {

  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // The hash, most significant word first; zero for a raw id.
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;
  private final boolean rawId;
  // The text: a raw id from the start, a hash's hex on first use (a benign race: a String is safe
  // to publish without a lock, and every thread writes the same text).
  private String value;

  /**
   * Reads a key from its text, checking its shape.
   *
   * @param value 64 lowercase hex digits, or for a store keyed by raw ids, a session id (22 to 86
   *     base64url characters)
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is neither 64 lowercase hex digits nor a
   *     well-formed session id
   */
  public SessionKey(String value) {
    Objects.requireNonNull(value, "value");
    if (isHash(value)) {
      byte[] hex = value.getBytes(StandardCharsets.ISO_8859_1);
      this.w0 = hexWord(hex, 0);
      this.w1 = hexWord(hex, 16);
      this.w2 = hexWord(hex, 32);
      this.w3 = hexWord(hex, 48);
      this.rawId = false;
    } else if (SessionId.isWellFormed(value)) {
      this.w0 = 0;
      this.w1 = 0;
      this.w2 = 0;
      this.w3 = 0;
      this.rawId = true;
    } else {
      throw new IllegalArgumentException(
          "session key must be 64 lowercase hex digits or a session id");
    }
    this.value = value;
  }

  private SessionKey(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.rawId = false;
  }

  /**
   * Returns the key of a hash: the same key as {@code new SessionKey(<the hash in lowercase hex>)},
   * made without the text.
   *
   * @param sha256 the 32 bytes of the hash; read, not kept
   * @return the key
   * @throws NullPointerException if {@code sha256} is null
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
   */
  public static SessionKey ofHash(byte[] sha256) {
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 hash is 32 bytes: " + sha256.length);
    }
    return new SessionKey(
        (long) BIG_ENDIAN_LONGS.get(sha256, 0),
        (long) BIG_ENDIAN_LONGS.get(sha256, 8),
        (long) BIG_ENDIAN_LONGS.get(sha256, 16),
        (long) BIG_ENDIAN_LONGS.get(sha256, 24));
  }

  /**
   * Returns the key's text.
   *
   * @return 64 lowercase hex digits, or for a raw-id key the session id
   */
  public String value() {
    String text = value;
    if (text == null) {
      byte[] hash = new byte[32];
      BIG_ENDIAN_LONGS.set(hash, 0, w0);
      BIG_ENDIAN_LONGS.set(hash, 8, w1);
      BIG_ENDIAN_LONGS.set(hash, 16, w2);
      BIG_ENDIAN_LONGS.set(hash, 24, w3);
      text = HexFormat.of().formatHex(hash);
      value = text;
    }
    return text;
  }

  /**
   * Returns 64 of the hash's 256 bits, for a store that keeps keys in binary form.
   *
   * @param index 0 to 3; 0 is the most significant word (the first 16 hex digits)
   * @return the bits
   * @throws IllegalStateException for a raw-id key, which has no hash
   * @throws IndexOutOfBoundsException if {@code index} is not 0 to 3
   */
  public long word(int index) {
    if (rawId) {
      throw new IllegalStateException("a raw-id key has no hash");
    }
    switch (index) {
      case 0:
        return w0;
      case 1:
        return w1;
      case 2:
        return w2;
      case 3:
        return w3;
      default:
        throw new IndexOutOfBoundsException("a key has words 0 to 3: " + index);
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

  /** The 64 bits of sixteen lowercase hex digits, already checked, eight at a time. */
  private static long hexWord(byte[] hex, int from) {
    return hexDigits((long) BIG_ENDIAN_LONGS.get(hex, from)) << 32
        | hexDigits((long) BIG_ENDIAN_LONGS.get(hex, from + 8));
  }

  /** The 32 bits of eight lowercase hex digits, the first digit in the most significant byte. */
  private static long hexDigits(long chars) {
    // '0'..'9' are 0x30..0x39 and 'a'..'f' are 0x61..0x66: the low nibble, plus 9 for letters.
    long v = (chars & 0x0F0F0F0F0F0F0F0FL) + 9 * ((chars >>> 6) & 0x0101010101010101L);
    // Gather the eight nibbles, one per byte, into the low 32 bits.
    v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
    v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
    return (v | (v >>> 16)) & 0xFFFFFFFFL;
  }

  /**
   * Returns whether this key is a raw session id (a bearer credential: never log its value) rather
   * than a hash of one.
   *
   * @return true for a raw id
   */
  public boolean isRawId() {
    return rawId;
  }

  /**
   * Returns a short form for logs.
   *
   * @return the first 12 hex digits of the key, or of the SHA-256 of a raw id
   */
  public String shortForm() {
    if (!rawId) {
      return HexFormat.of().toHexDigits(w0).substring(0, 12);
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
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof SessionKey k) || k.rawId != rawId) {
      return false;
    }
    return rawId ? value.equals(k.value) : w0 == k.w0 && w1 == k.w1 && w2 == k.w2 && w3 == k.w3;
  }

  @Override
  public int hashCode() {
    // A hash's bits are as good a hash code as any: any 32 of them.
    return rawId ? value.hashCode() : (int) w3;
  }

  @Override
  public String toString() {
    return "SessionKey[" + shortForm() + "]";
  }
}
