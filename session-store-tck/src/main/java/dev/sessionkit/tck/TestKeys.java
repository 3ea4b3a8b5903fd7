package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Session keys for store tests, shaped as the engine makes them: SHA-256 of 256 random bits. */
public final class TestKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /**
   * Draws a fresh key.
   *
   * @return a key no other call returns
   */
  public static SessionKey newKey() {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    try {
      return new SessionKey(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
