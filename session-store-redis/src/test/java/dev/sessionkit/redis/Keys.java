package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random session keys: a store never sees a raw session id, so its tests need none. */
final class Keys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static SessionKey random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new SessionKey(HexFormat.of().formatHex(bytes));
  }
}
