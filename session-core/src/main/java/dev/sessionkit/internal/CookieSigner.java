package dev.sessionkit.internal;

import dev.sessionkit.KeyRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs session ids into cookie values and verifies them.
 *
 * <p>The value is {@code <id>.<mac>}: the 43-character id, a dot, and the 43-character base64url
 * (no padding) HMAC-SHA256 of {@code "<cookie name>=<id>"} under a key derived from the ring for
 * this purpose. The cookie name is bound in, so a value cannot be replayed under another cookie.
 * The first key signs; every key verifies, in constant time. Thread-safe.
 */
public final class CookieSigner {

  /** Length of a signed value: id, dot, mac. */
  public static final int VALUE_LENGTH = SessionId.LENGTH + 1 + 43;

  private static final String PURPOSE = "sessionkit/v1/cookie-signature";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] namePrefix;
  private final SecretKeySpec[] keys;
  private final ThreadLocal<Mac[]> macs;

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
    this.macs = ThreadLocal.withInitial(() -> new Mac[keys.length]);
  }

  /**
   * Signs an id with the active key.
   *
   * @param id the session id
   * @return the cookie value
   */
  public String sign(SessionId id) {
    String value = id.value();
    return value + '.' + ENCODER.encodeToString(mac(0, value));
  }

  /**
   * Verifies a cookie value from a client.
   *
   * @param value any text, possibly null or hostile
   * @return the id, when the value is well formed and signed by a key of the ring
   */
  public Optional<SessionId> verify(String value) {
    if (value == null
        || value.length() != VALUE_LENGTH
        || value.charAt(SessionId.LENGTH) != '.'
        || !SessionId.isWellFormed(value.subSequence(0, SessionId.LENGTH))
        || !isCanonicalMac(value)) {
      return Optional.empty();
    }
    byte[] ascii = value.getBytes(StandardCharsets.ISO_8859_1);
    byte[] given;
    try {
      given = DECODER.decode(ByteBuffer.wrap(ascii, SessionId.LENGTH + 1, 43)).array();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    boolean ok = false;
    for (int i = 0; i < keys.length; i++) {
      // Every key is tried, whatever matched, so timing does not tell which key signed.
      ok |= MessageDigest.isEqual(mac(i, ascii), given);
    }
    return ok ? Optional.of(new SessionId(value.substring(0, SessionId.LENGTH))) : Optional.empty();
  }

  /**
   * 43 base64url characters carry 258 bits; a MAC's canonical text leaves the last 2 bits zero, so
   * exactly one text verifies for each MAC.
   */
  private static boolean isCanonicalMac(String value) {
    return (Base64Url.valueOf(value.charAt(VALUE_LENGTH - 1)) & 0b11) == 0;
  }

  private byte[] mac(int index, String id) {
    return mac(index, id.getBytes(StandardCharsets.US_ASCII));
  }

  /** The MAC of the id held in the first {@link SessionId#LENGTH} bytes of {@code ascii}. */
  private byte[] mac(int index, byte[] ascii) {
    Mac[] cache = macs.get();
    Mac mac = cache[index];
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(keys[index]);
        cache[index] = mac;
      }
      mac.update(namePrefix);
      mac.update(ascii, 0, SessionId.LENGTH);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
