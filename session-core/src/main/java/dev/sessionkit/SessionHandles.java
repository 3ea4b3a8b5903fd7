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
 * The handles that name a principal's sessions to that principal's client ("your sessions"): an
 * HMAC-SHA256, under a key derived from the key ring for this one purpose, of the session's handle
 * seed and the principal, cut to 128 bits, base64url.
 *
 * <p>The handle seed is 16 random bytes that {@link Session#setPrincipal} writes into the session
 * as a reserved attribute ({@code sessionkit.handleSeed}, hidden from applications). Renewal moves
 * it with the other attributes and {@code regenerate(true)} keeps it, so a session's handle is the
 * same for the whole login: a page listed before another device's session got a new id still ends
 * that session. {@code regenerate(false)}, a logout ({@code setPrincipal(null)}) and a login as
 * someone else drop or replace it. A session without a seed (logged in before seeds were written)
 * falls back to an HMAC of its store key under another derived key, which changes with each new id;
 * such a session gets a seed the next time its id changes, so its handle changes that once.
 *
 * <p>Why not the store key, or the seed itself: a handle goes into pages and URLs, so it must name
 * a session without being an id or a key that anything else accepts. An HMAC is one way (nothing
 * turns it back into the seed, the key or the id, and the seed is unrelated to both), needs no
 * lookup table to resolve (the principal's own sessions are asked), is the same on every node that
 * shares the secret, stays unknown to whoever reads a dump of the store without the secret, and
 * differs per principal, so a handle copied from one account names nothing in another. Handles made
 * under an older key of the ring still resolve until that key is dropped. Immutable and
 * thread-safe.
 */
final class SessionHandles {

  /** The length of a handle: 16 bytes in unpadded base64url. */
  static final int LENGTH = 22;

  private static final String SEEDED = "sessionkit/session-handle/v2";
  private static final String KEYED = "sessionkit/session-handle/v1";

  // One derived key per ring key and kind of input, so a seed and a store key never share an HMAC.
  private final byte[][] seededKeys;
  private final byte[][] keyedKeys;

  SessionHandles(KeyRing ring) {
    seededKeys = new byte[ring.size()][];
    keyedKeys = new byte[ring.size()][];
    for (int i = 0; i < ring.size(); i++) {
      seededKeys[i] = ring.derive(i, SEEDED, 32);
      keyedKeys[i] = ring.derive(i, KEYED, 32);
    }
  }

  /**
   * The handle of a session of a principal, under the active key.
   *
   * @param seed the session's stored handle seed, or null for a session without one
   */
  String of(String principal, SessionKey key, String seed) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac(seed == null ? keyedKeys[0] : seededKeys[0], principal, key, seed));
  }

  /** Whether a handle from a client names this session of this principal, under any key. */
  boolean matches(String handle, String principal, SessionKey key, String seed) {
    byte[] given = decode(handle);
    if (given == null) {
      return false;
    }
    boolean match = false;
    for (byte[] k : seed == null ? keyedKeys : seededKeys) {
      // Constant time, and every key tried, so timing says nothing about which part matched.
      match |= MessageDigest.isEqual(given, mac(k, principal, key, seed));
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

  private static byte[] mac(byte[] key, String principal, SessionKey sessionKey, String seed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      // The seed (or key) first: it has a fixed length, so no two (seed, principal) pairs share an
      // input. The seed is taken as stored: it is opaque, and any change to it is a new handle.
      mac.update(
          seed != null
              ? seed.getBytes(StandardCharsets.UTF_8)
              : sessionKey.value().getBytes(StandardCharsets.US_ASCII));
      mac.update(principal.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
