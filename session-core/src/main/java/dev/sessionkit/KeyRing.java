package dev.sessionkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets that protect cookies: the first key signs (or seals), every key verifies (or opens).
 * Rotate by putting a new key first and keeping the old one until the cookies it made have expired.
 *
 * <p>Keys are never used directly: each use derives its own key with HKDF-SHA256 (RFC 5869), so a
 * signing key is never an encryption key. Immutable and thread-safe.
 */
public final class KeyRing {

  /** The shortest secret accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private final List<byte[]> keys;
  // How many keys after the first are shorter than MIN_KEY_BYTES: verify-only legacy secrets.
  private final int legacy;

  private KeyRing(List<byte[]> keys, int legacy) {
    this.keys = keys;
    this.legacy = legacy;
  }

  /**
   * Builds a ring from text secrets, first one active. Each secret is taken as its UTF-8 bytes.
   *
   * @param secrets one or more secrets of at least {@value #MIN_KEY_BYTES} bytes each
   * @return the ring
   * @throws NullPointerException if a secret is null
   * @throws IllegalArgumentException if there is no secret or one is too short
   */
  public static KeyRing of(String... secrets) {
    Objects.requireNonNull(secrets, "secrets");
    byte[][] bytes = new byte[secrets.length][];
    for (int i = 0; i < secrets.length; i++) {
      bytes[i] = Objects.requireNonNull(secrets[i], "secret").getBytes(StandardCharsets.UTF_8);
    }
    return ofBytes(bytes);
  }

  /**
   * Builds a ring from binary secrets, first one active.
   *
   * @param secrets one or more secrets of at least {@value #MIN_KEY_BYTES} bytes each
   * @return the ring
   * @throws NullPointerException if a secret is null
   * @throws IllegalArgumentException if there is no secret or one is too short
   */
  public static KeyRing ofBytes(byte[]... secrets) {
    return build(false, secrets);
  }

  /**
   * As {@link #of}, but the secrets after the first may be shorter than {@value #MIN_KEY_BYTES}
   * bytes (not empty): older express-session secrets, which a config accepts for verifying
   * express-session cookies only ({@link SessionConfigBuilder#build()} refuses them otherwise).
   */
  static KeyRing withLegacy(String... secrets) {
    Objects.requireNonNull(secrets, "secrets");
    byte[][] bytes = new byte[secrets.length][];
    for (int i = 0; i < secrets.length; i++) {
      bytes[i] = Objects.requireNonNull(secrets[i], "secret").getBytes(StandardCharsets.UTF_8);
    }
    return build(true, bytes);
  }

  private static KeyRing build(boolean allowLegacy, byte[]... secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.length == 0) {
      throw new IllegalArgumentException("a key ring needs at least one secret");
    }
    List<byte[]> copies = new ArrayList<>(secrets.length);
    int legacy = 0;
    for (int i = 0; i < secrets.length; i++) {
      byte[] secret = Objects.requireNonNull(secrets[i], "secret");
      if (secret.length < MIN_KEY_BYTES) {
        if (!allowLegacy || i == 0 || secret.length == 0) {
          throw new IllegalArgumentException(tooShort(i, secret.length));
        }
        legacy++;
      }
      copies.add(secret.clone());
    }
    return new KeyRing(List.copyOf(copies), legacy);
  }

  static String tooShort(int index, int length) {
    return "secret #"
        + index
        + " is "
        + length
        + " bytes; at least "
        + MIN_KEY_BYTES
        + " are required";
  }

  /** How many secrets after the first are shorter than {@value #MIN_KEY_BYTES} bytes. */
  int legacyCount() {
    return legacy;
  }

  /** The index of the first secret shorter than {@value #MIN_KEY_BYTES} bytes, or -1. */
  int firstLegacy() {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).length < MIN_KEY_BYTES) {
        return i;
      }
    }
    return -1;
  }

  /** The length in bytes of key {@code index}. */
  int length(int index) {
    return keys.get(index).length;
  }

  /**
   * Returns how many keys the ring holds.
   *
   * @return the number of keys, at least one
   */
  public int size() {
    return keys.size();
  }

  /**
   * Derives a key for one purpose from key {@code index} (0 is the active key).
   *
   * @param index which key of the ring
   * @param purpose what the derived key is for; different purposes give unrelated keys
   * @param length how many bytes to derive, at most 32
   * @return the derived key
   */
  public byte[] derive(int index, String purpose, int length) {
    if (length > 32) {
      throw new IllegalArgumentException("length must be at most 32: " + length);
    }
    try {
      // HKDF-Extract with an all-zero salt, then one block of HKDF-Expand (RFC 5869).
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = mac.doFinal(keys.get(index));
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return Arrays.copyOf(mac.doFinal(), length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /**
   * Returns key {@code index} itself, for the one format that must use it underived: express cookie
   * signatures, which Node computes as HMAC-SHA256 under the secret's own bytes.
   */
  byte[] secret(int index) {
    return keys.get(index).clone();
  }

  @Override
  public String toString() {
    return "KeyRing[" + keys.size() + " keys]";
  }
}
