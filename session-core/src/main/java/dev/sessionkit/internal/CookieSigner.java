package dev.sessionkit.internal;

import dev.sessionkit.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs session ids into cookie values and verifies them.
 *
 * <p>The value is {@code <id>.<mac>}: the id (43 characters unless a custom generator makes
 * others), a dot, and the 43-character base64url (no padding) HMAC-SHA256 of {@code "<cookie
 * name>=<id>"} under a key derived from the ring for this purpose. The cookie name is bound in, so
 * a value cannot be replayed under another cookie. The first key signs; every key verifies, in
 * constant time. Thread-safe.
 */
public final class CookieSigner implements IdSigner {

  /** Length of a signed value of a SessionKit-drawn id: id, dot, mac. */
  public static final int VALUE_LENGTH = SessionId.LENGTH + 1 + 43;

  private static final int MAC_CHARS = 43;
  private static final int MAC_PART = 1 + MAC_CHARS;

  private static final String PURPOSE = "sessionkit/v1/cookie-signature";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final byte[] namePrefix;
  private final SecretKeySpec[] keys;
  private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

  /**
   * Creates a signer for one cookie name.
   *
   * @param ring the keys
   * @param cookieName the full cookie name, bound into every signature
   */
  public CookieSigner(KeyRing ring, String cookieName) {
    Objects.requireNonNull(ring, "ring");
    this.namePrefix =
        (Objects.requireNonNull(cookieName, "cookieName") + "=")
            .getBytes(StandardCharsets.US_ASCII);
    this.keys = new SecretKeySpec[ring.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new SecretKeySpec(ring.derive(i, PURPOSE, 32), "HmacSHA256");
    }
  }

  /**
   * Signs an id with the active key.
   *
   * @param id the session id
   * @return the cookie value
   */
  @Override
  public String sign(SessionId id) {
    String value = id.value();
    return value + '.' + ENCODER.encodeToString(mac(0, value));
  }

  /**
   * Returns whether a value has the shape of a signed cookie value (an id, a dot, a MAC), whether
   * or not it verifies.
   *
   * @param value any text, possibly null
   * @return true for a value that could be genuine
   */
  @Override
  public boolean isWellFormed(String value) {
    if (value == null
        || value.length() < SessionId.MIN_LENGTH + MAC_PART
        || value.length() > SessionId.MAX_LENGTH + MAC_PART) {
      return false;
    }
    int idLength = value.length() - MAC_PART;
    if (value.charAt(idLength) != '.' || !SessionId.isWellFormed(value.subSequence(0, idLength))) {
      return false;
    }
    for (int i = idLength + 1; i < value.length(); i++) {
      if (Base64Url.valueOf(value.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Verifies a cookie value from a client.
   *
   * @param value any text, possibly null or hostile
   * @return the id, when the value is well formed and signed by a key of the ring
   */
  @Override
  public Optional<SessionId> verify(String value) {
    if (value == null
        || value.length() < SessionId.MIN_LENGTH + MAC_PART
        || value.length() > SessionId.MAX_LENGTH + MAC_PART) {
      return Optional.empty();
    }
    int idLength = value.length() - MAC_PART;
    if (value.charAt(idLength) != '.') {
      return Optional.empty();
    }
    Scratch scratch = scratch();
    if (!scratch.decodeMac(value, idLength + 1)) {
      return Optional.empty();
    }
    scratch.copyId(value, idLength);
    boolean ok = false;
    for (int i = 0; i < keys.length; i++) {
      // Every key is tried, whatever matched, so timing does not tell which key signed.
      ok |= MessageDigest.isEqual(mac(scratch, i, idLength, scratch.computed), scratch.given);
    }
    // A MAC that verifies proves the bytes are an id this signer made, hence well formed; the text
    // is those bytes unless a character past Latin-1 was cut to one of them by the copy.
    return ok && isAscii(value, idLength)
        ? Optional.of(SessionId.trusted(value.substring(0, idLength)))
        : Optional.empty();
  }

  private static boolean isAscii(String value, int length) {
    int bits = 0;
    for (int i = 0; i < length; i++) {
      bits |= value.charAt(i);
    }
    return bits < 0x80;
  }

  private byte[] mac(int index, String id) {
    Scratch scratch = scratch();
    for (int i = 0; i < id.length(); i++) {
      scratch.message[scratch.idStart + i] = (byte) id.charAt(i);
    }
    return mac(scratch, index, id.length(), new byte[32]);
  }

  private Scratch scratch() {
    Scratch scratch = scratches.get();
    if (scratch.macs == null) {
      scratch.macs = new Mac[keys.length];
      scratch.message = Arrays.copyOf(namePrefix, namePrefix.length + SessionId.MAX_LENGTH);
      scratch.idStart = namePrefix.length;
    }
    return scratch;
  }

  /**
   * The MAC of {@code "<name>=<id>"}, the id's {@code length} bytes being in the scratch message.
   */
  private byte[] mac(Scratch scratch, int index, int length, byte[] out) {
    Mac[] cache = scratch.macs;
    Mac mac = cache[index];
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(keys[index]);
        cache[index] = mac;
      }
      mac.update(scratch.message, 0, scratch.idStart + length);
      mac.doFinal(out, 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /**
   * Buffers one thread reuses for every verify: the signed message ({@code "<name>=<id>"}, the name
   * written once), the MAC the client sent and the MAC computed, and the thread's {@code Mac}s.
   * Verification then allocates nothing but the id it returns.
   */
  private static final class Scratch {
    byte[] message;
    int idStart;
    final byte[] given = new byte[32];
    final byte[] computed = new byte[32];
    Mac[] macs;

    /**
     * Copies the id, the first {@code length} characters of {@code value}, into the message, each
     * character cut to its low byte (exact for the ASCII of a genuine id; see {@link #verify}).
     */
    @SuppressWarnings("deprecation") // one bulk copy of a Latin-1 string's bytes
    void copyId(String value, int length) {
      value.getBytes(0, length, message, idStart);
    }

    /**
     * Decodes the 43 base64url characters after the dot into {@link #given}. Only the canonical
     * text is accepted: 43 characters carry 258 bits, and a MAC's canonical text leaves the last 2
     * bits zero, so exactly one text verifies for each MAC.
     */
    boolean decodeMac(String value, int from) {
      int out = 0;
      int bits = 0;
      int buffer = 0;
      for (int i = from; i < from + MAC_CHARS; i++) {
        int v = Base64Url.valueOf(value.charAt(i));
        if (v < 0) {
          return false;
        }
        buffer = (buffer << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          given[out++] = (byte) (buffer >> bits);
        }
      }
      return (buffer & ((1 << bits) - 1)) == 0;
    }
  }
}
