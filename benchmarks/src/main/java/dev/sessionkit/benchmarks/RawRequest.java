package dev.sessionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sessionkit.SetCookie;
import dev.sessionkit.memory.MemorySessionStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The least a hand-written server does per request on a signed cookie and an in-memory store: one
 * HMAC-SHA256 of the cookie's id with a constant-time compare, then a Caffeine get of the session's
 * bytes (and, for a write, a put of a copy).
 */
final class RawRequest {

  private final Mac mac;
  private final byte[] message;
  private final byte[] signature;
  private final Cache<String, byte[]> cache;
  private final String id;

  /** Signs the id of {@code cookie} with {@code secret} and stores a session's bytes under it. */
  RawRequest(byte[] secret, SetCookie cookie) throws GeneralSecurityException {
    String value = cookie.value();
    id = value.substring(0, value.indexOf('.'));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    message = (cookie.name() + "=" + id).getBytes(StandardCharsets.US_ASCII);
    signature = mac.doFinal(message);
    cache = RawCaffeine.cache(MemorySessionStore.DEFAULT_MAXIMUM_SIZE);
    cache.put(
        id, RawCaffeine.bytes(Fixtures.record(Fixtures.newKey(), Clock.systemUTC().instant())));
  }

  /** Verifies and reads; returns the bytes read. */
  byte[] read() {
    if (!MessageDigest.isEqual(mac.doFinal(message), signature)) {
      throw new IllegalStateException("the signature did not match");
    }
    return cache.getIfPresent(id);
  }

  /** Verifies, reads and puts back a copy, as a store of bytes writes; returns the bytes read. */
  byte[] write() {
    byte[] bytes = read();
    cache.put(id, bytes.clone());
    return bytes;
  }
}
