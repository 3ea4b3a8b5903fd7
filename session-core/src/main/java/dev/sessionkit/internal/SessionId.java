package dev.sessionkit.internal;

import dev.sessionkit.spi.SessionKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A session id as the client holds it: 256 random bits, base64url without padding (43 chars).
 *
 * <p>The raw value is a bearer credential. {@link #toString()} never shows it, and stores never see
 * it: they key records by {@link #key()}, a SHA-256 of the id. Immutable and thread-safe.
 */
public final class SessionId {

  /** Length of the ids SessionKit draws: the base64url text of 32 bytes without padding. */
  public static final int LENGTH = 43;

  /** The shortest id accepted from a custom generator: 22 characters carry 132 bits. */
  public static final int MIN_LENGTH = 22;

  /** The longest id accepted. */
  public static final int MAX_LENGTH = 86;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /**
   * A digest and its buffers per thread: looking a digest up from the providers on every request
   * costs more, and the id's bytes and the digest need no fresh arrays.
   */
  private static final ThreadLocal<KeyScratch> KEY_SCRATCH =
      ThreadLocal.withInitial(KeyScratch::new);

  private final String value;
  // Whether the store keys records by the id itself (express-compatible layouts).
  private final boolean rawKey;
  // Computed once: a request asks for its key on load and again on every write.
  private SessionKey key;

  private SessionId(String value) {
    this(value, false);
  }

  private SessionId(String value, boolean rawKey) {
    this.value = value;
    this.rawKey = rawKey;
  }

  /**
   * Returns this id as a store keyed by raw ids knows it: {@link #key()} is then the id itself.
   *
   * @return the same id, keyed by its raw value
   */
  public SessionId keyedByRawId() {
    return rawKey ? this : new SessionId(value, true);
  }

  /**
   * Wraps text already known to be a well-formed id (the signer checked it).
   *
   * @param value a well-formed id
   * @return the id
   */
  static SessionId trusted(String value) {
    return new SessionId(value);
  }

  /**
   * Wraps the text of an id, checking its shape.
   *
   * @param value the 43-character base64url text
   * @return the id
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not a well-formed id
   */
  public static SessionId of(String value) {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a well-formed session id");
    }
    return new SessionId(value);
  }

  /**
   * Draws a new id.
   *
   * @param random the source of randomness; must be a {@link SecureRandom}
   * @return a fresh id
   */
  public static SessionId generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new SessionId(ENCODER.encodeToString(bytes));
  }

  /**
   * Reads an id from untrusted text, checking only its shape.
   *
   * @param text any text, possibly null
   * @return the id, or empty if the text is not a well-formed id
   */
  public static Optional<SessionId> parse(String text) {
    return text != null && isWellFormed(text) ? Optional.of(new SessionId(text)) : Optional.empty();
  }

  /**
   * Returns whether the text can be a session id: {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
   * base64url characters, and for the {@value #LENGTH}-character ids SessionKit draws, the
   * canonical encoding of 32 bytes.
   *
   * @param text the text to check
   * @return true for a well-formed id
   */
  public static boolean isWellFormed(CharSequence text) {
    int n = text.length();
    if (n < MIN_LENGTH || n > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (Base64Url.valueOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return hasCanonicalEnd(text, n);
  }

  /**
   * Returns whether the first {@code length} characters of {@code text}, base64url characters
   * between {@value #MIN_LENGTH} and {@value #MAX_LENGTH} of them, end as a SessionKit-drawn id
   * must: 43 characters carry 258 bits, and the canonical encoding of 256 bits leaves the last 2
   * bits zero.
   */
  static boolean hasCanonicalEnd(CharSequence text, int length) {
    return length != LENGTH || (Base64Url.valueOf(text.charAt(LENGTH - 1)) & 0b11) == 0;
  }

  /**
   * Returns the raw id. A bearer credential: never log it.
   *
   * @return the 43-character text
   */
  public String value() {
    return value;
  }

  /**
   * Returns the store key of this id.
   *
   * @return the SHA-256 of the id, as stores key it; the id itself when {@link #keyedByRawId()}
   */
  public SessionKey key() {
    SessionKey k = key;
    if (k == null && rawKey) {
      k = new SessionKey(value);
      key = k;
    } else if (k == null) {
      k = KEY_SCRATCH.get().sha256(value);
      key = k;
    }
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "SessionId[redacted]";
  }

  /** One thread's SHA-256 and the buffers {@link #key()} works in. */
  private static final class KeyScratch {
    private final MessageDigest sha256;
    private final byte[] id = new byte[MAX_LENGTH];
    private final byte[] digest = new byte[32];

    KeyScratch() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every JDK", e);
      }
    }

    /** The key of an id: the SHA-256 of its ASCII text, kept as bits (no hex is written). */
    @SuppressWarnings("deprecation") // exact for chars below 256; a well-formed id is ASCII
    SessionKey sha256(String value) {
      value.getBytes(0, value.length(), id, 0);
      sha256.update(id, 0, value.length());
      try {
        sha256.digest(digest, 0, digest.length);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
      }
      return SessionKey.ofHash(digest);
    }
  }
}
