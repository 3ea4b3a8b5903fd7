package dev.sessionkit.internal;

import dev.sessionkit.KeyRing;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a whole session into a cookie value with AES-256-GCM, and opens it again. Thread-safe.
 *
 * <p>The value is {@code 1.<key id>.<sealed>}: format version {@code 1}; the key id (6 base64url
 * characters naming which key of the ring sealed it, derived from the key, so rotation never
 * renumbers it); and base64url (no padding) of a fresh 96-bit nonce, the ciphertext and the 128-bit
 * tag. The encryption key is derived per key with HKDF-SHA256 for this purpose only. The format
 * version, key id and cookie name are the associated data, so a value cannot be moved to another
 * cookie or read under another format. The plaintext is one flag byte (0: JSON, 1: deflated JSON,
 * used when that is smaller) and the session as JSON. Every failure to open gives empty: no oracle
 * tells a wrong key from a flipped bit.
 */
public final class SessionSealer {

  static final String VERSION = "1";
  private static final String PURPOSE = "sessionkit/v1/sealed-session";
  private static final String KEY_ID_PURPOSE = "sessionkit/v1/sealed-key-id";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int COMPRESS_FROM = 200;

  /** Inflated payloads past this are refused, whatever the cookie claims. */
  public static final int MAX_PLAINTEXT = 64 * 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec[] keys;
  private final String[] keyIds;
  private final Map<String, Integer> keyIndex = new HashMap<>();
  private final String cookieName;
  private final SecureRandom random;

  public SessionSealer(KeyRing ring, String cookieName, SecureRandom random) {
    this.cookieName = cookieName;
    this.random = random;
    this.keys = new SecretKeySpec[ring.size()];
    this.keyIds = new String[ring.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new SecretKeySpec(ring.derive(i, PURPOSE, 32), "AES");
      keyIds[i] = ENCODER.encodeToString(ring.derive(i, KEY_ID_PURPOSE, 4));
      keyIndex.putIfAbsent(keyIds[i], i);
    }
  }

  /** Seals a payload with the active key. */
  public String seal(byte[] json) {
    byte[] plaintext = frame(json);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys[0], new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(keyIds[0]));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return VERSION + "." + keyIds[0] + "." + ENCODER.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every JDK", e);
    }
  }

  /** Opens a value; empty for anything that is not a genuine, intact value for this cookie. */
  public Optional<byte[]> open(String value) {
    if (value == null || !value.startsWith(VERSION + ".") || value.length() < 10) {
      return Optional.empty();
    }
    int dot = value.indexOf('.', 2);
    if (dot < 0) {
      return Optional.empty();
    }
    Integer index = keyIndex.get(value.substring(2, dot));
    if (index == null) {
      return Optional.empty();
    }
    try {
      String blob = value.substring(dot + 1);
      byte[] in = DECODER.decode(blob);
      // The decoder ignores unused trailing bits; only the canonical text of a value opens.
      if (in.length < NONCE_BYTES + TAG_BITS / 8 + 1 || !ENCODER.encodeToString(in).equals(blob)) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, keys[index], new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(keyIds[index]));
      byte[] plaintext = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return unframe(plaintext);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private byte[] associatedData(String keyId) {
    return ("sessionkit-sealed|" + VERSION + "|" + keyId + "|" + cookieName)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] frame(byte[] json) {
    if (json.length >= COMPRESS_FROM) {
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
      try {
        deflater.setInput(json);
        deflater.finish();
        byte[] buf = new byte[json.length];
        int n = deflater.deflate(buf);
        if (deflater.finished() && n < json.length - 1) {
          byte[] out = new byte[n + 1];
          out[0] = 1;
          System.arraycopy(buf, 0, out, 1, n);
          return out;
        }
      } finally {
        deflater.end();
      }
    }
    byte[] out = new byte[json.length + 1];
    System.arraycopy(json, 0, out, 1, json.length);
    return out;
  }

  private static Optional<byte[]> unframe(byte[] plaintext) {
    if (plaintext.length == 0) {
      return Optional.empty();
    }
    if (plaintext[0] == 0) {
      byte[] json = new byte[plaintext.length - 1];
      System.arraycopy(plaintext, 1, json, 0, json.length);
      return Optional.of(json);
    }
    if (plaintext[0] != 1) {
      return Optional.empty();
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(plaintext, 1, plaintext.length - 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return Optional.empty();
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_PLAINTEXT) {
          return Optional.empty();
        }
      }
      return Optional.of(out.toByteArray());
    } catch (DataFormatException e) {
      return Optional.empty();
    } finally {
      inflater.end();
    }
  }
}
