package dev.sessionkit;

import dev.sessionkit.internal.IdSigner;
import dev.sessionkit.internal.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * express-session's signed cookie value (cookie-signature 1.0): {@code s:<id>.<mac>}, the MAC the
 * standard base64 of HMAC-SHA256(secret, id) without {@code =} padding, sent URI-encoded ({@code :}
 * as {@code %3A}, {@code +} as {@code %2B}, {@code /} as {@code %2F}). Verification splits at the
 * last dot, signs again under each secret and compares in constant time, every secret tried. The
 * secrets are used as they are, not derived, because Node uses them so. Thread-safe.
 */
final class ExpressCookie implements IdSigner {

  private static final String PREFIX = "s:";
  private static final int MAC_CHARS = 43;

  /** The longest value worth decoding: every character of the longest id and MAC encoded. */
  private static final int MAX_ENCODED =
      3 * (PREFIX.length() + SessionId.MAX_LENGTH + 1 + MAC_CHARS);

  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  private final SecretKeySpec[] keys;
  private final ThreadLocal<Mac[]> macs;

  ExpressCookie(KeyRing ring) {
    this(secrets(ring));
  }

  /** For any secrets at all, as Node accepts them: the test vectors use short ones. */
  ExpressCookie(byte[]... secrets) {
    this.keys = new SecretKeySpec[secrets.length];
    for (int i = 0; i < secrets.length; i++) {
      keys[i] = new SecretKeySpec(secrets[i], "HmacSHA256");
    }
    this.macs = ThreadLocal.withInitial(() -> new Mac[keys.length]);
  }

  private static byte[][] secrets(KeyRing ring) {
    byte[][] secrets = new byte[ring.size()][];
    for (int i = 0; i < secrets.length; i++) {
      secrets[i] = ring.secret(i);
    }
    return secrets;
  }

  /** cookie-signature's {@code sign(value, secret)}: {@code value.mac}, not URI-encoded. */
  String signText(String value) {
    return value + '.' + mac(0, value);
  }

  /** The header value express-session sends for an id. */
  String signId(String id) {
    return encode(PREFIX + signText(id));
  }

  @Override
  public String sign(SessionId id) {
    return signId(id.value());
  }

  @Override
  public boolean isWellFormed(String value) {
    return split(value) != null;
  }

  @Override
  public Optional<SessionId> verify(String value) {
    String[] parts = split(value);
    if (parts == null) {
      return Optional.empty();
    }
    byte[] given = parts[1].getBytes(StandardCharsets.US_ASCII);
    boolean ok = false;
    for (int i = 0; i < keys.length; i++) {
      // Every secret is tried, whatever matched, so timing does not tell which one signed.
      ok |= MessageDigest.isEqual(mac(i, parts[0]).getBytes(StandardCharsets.US_ASCII), given);
    }
    return ok ? SessionId.parse(parts[0]) : Optional.empty();
  }

  /** The id and the MAC text of a value of the right shape, else null. */
  private static String[] split(String value) {
    if (value == null || value.length() > MAX_ENCODED) {
      return null;
    }
    String text = value.indexOf('%') >= 0 ? decode(value) : value;
    if (text == null || !text.startsWith(PREFIX)) {
      return null;
    }
    int dot = text.lastIndexOf('.');
    if (dot < PREFIX.length() || text.length() - dot - 1 != MAC_CHARS) {
      return null;
    }
    String id = text.substring(PREFIX.length(), dot);
    String mac = text.substring(dot + 1);
    if (!SessionId.isWellFormed(id)) {
      return null;
    }
    for (int i = 0; i < mac.length(); i++) {
      char c = mac.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!base64) {
        return null;
      }
    }
    return new String[] {id, mac};
  }

  private String mac(int index, String value) {
    Mac[] cache = macs.get();
    Mac mac = cache[index];
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(keys[index]);
        cache[index] = mac;
      }
      return BASE64.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** {@code encodeURIComponent} for the characters a signed value can hold. */
  private static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case ':' -> sb.append("%3A");
        case '+' -> sb.append("%2B");
        case '/' -> sb.append("%2F");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Percent-decoding of ASCII text; null for a malformed escape or a non-ASCII byte. */
  private static String decode(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (i + 2 >= value.length()) {
        return null;
      }
      int hi = Character.digit(value.charAt(i + 1), 16);
      int lo = Character.digit(value.charAt(i + 2), 16);
      if (hi < 0 || lo < 0 || hi >= 8) {
        return null;
      }
      sb.append((char) (hi * 16 + lo));
      i += 2;
    }
    return sb.toString();
  }
}
