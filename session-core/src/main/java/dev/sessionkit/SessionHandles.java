package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The handles that name a principal's sessions to that principal's client ("your sessions"): the
 * HMAC-SHA256 of the store key and the principal under a key derived from the key ring for this one
 * purpose, cut to 128 bits, base64url.
 *
 * <p>Why not the store key, or a random handle kept in the session: a handle goes into pages and
 * URLs, so it must name a session without being an id or a key that anything else accepts. An HMAC
 * is one way (nothing turns it back into the key, let alone the id), needs no write to create and
 * no lookup table to resolve, is the same on every node that shares the secret, and differs per
 * principal, so a handle copied from one account names nothing in another. Handles made under an
 * older key of the ring still resolve until that key is dropped. Immutable and thread-safe.
 */
final class SessionHandles {

  /** The length of a handle: 16 bytes in unpadded base64url. */
  static final int LENGTH = 22;

  private static final String PURPOSE = "sessionkit/session-handle/v1";

  private final byte[][] keys;

  SessionHandles(KeyRing ring) {
    keys = new byte[ring.size()][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ring.derive(i, PURPOSE, 32);
    }
  }

  /** The handle of a session of a principal, under the active key. */
  String of(String principal, SessionKey key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys[0], principal, key));
  }

  /** Whether a handle from a client names this session of this principal, under any key. */
  boolean matches(String handle, String principal, SessionKey key) {
    byte[] given = decode(handle);
    if (given == null) {
      return false;
    }
    boolean match = false;
    for (byte[] k : keys) {
      // Constant time, and every key tried, so timing says nothing about which part matched.
      match |= MessageDigest.isEqual(given, mac(k, principal, key));
    }
    return match;
  }

  /** Whether a string has a handle's shape; anything else names no session. */
  static boolean isWellFormed(String handle) {
    return decode(handle) != null;
  }

  private static byte[] decode(String handle) {
    if (handle == null || handle.length() != LENGTH) {
      return null;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = handle.charAt(i);
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return null;
      }
    }
    byte[] bytes = Base64.getUrlDecoder().decode(handle);
    // 22 characters carry 132 bits: the last 4 must be zero, so each handle has one spelling.
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(handle)
        ? bytes
        : null;
  }

  private static byte[] mac(byte[] key, String principal, SessionKey sessionKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      // The key first: it has a fixed length, so no two (key, principal) pairs share an input.
      mac.update(sessionKey.value().getBytes(StandardCharsets.US_ASCII));
      mac.update(principal.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
