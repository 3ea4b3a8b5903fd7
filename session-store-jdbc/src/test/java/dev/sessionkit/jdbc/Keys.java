package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh session keys for tests, shaped as the engine makes them (64 lowercase hex digits). */
final class Keys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static SessionKey newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new SessionKey(HexFormat.of().formatHex(bytes));
  }
}
