package dev.sessionkit.benchmarks;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** The session every store benchmark works on: a logged-in user with three attributes. */
final class Fixtures {

  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** The attributes as the engine hands them to a store: name to JSON text. */
  static final Map<String, String> ATTRIBUTES =
      Map.of(
          "user", "{\"name\":\"alice\",\"id\":42,\"roles\":[\"customer\"]}",
          "cart", "[101,202,303]",
          "theme", "\"dark\"");

  /** The attribute the small delta writes, and its new JSON value. */
  static final String CHANGED_NAME = "theme";

  static final String CHANGED_VALUE = "\"light\"";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Fixtures() {}

  /** A new random secret for an engine, as {@code SessionConfig} takes it. */
  static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  static SessionKey newKey() {
    return SessionId.generate(RANDOM).key();
  }

  static SessionRecord record(SessionKey key, Instant now) {
    return new SessionRecord(
        key, now, now, IDLE_TIMEOUT, now.plus(Duration.ofHours(12)), "alice", ATTRIBUTES);
  }

  /** One request's change: one attribute rewritten, the last access time moved. */
  static SessionDelta delta(SessionKey key, Instant now) {
    return new SessionDelta(
        key,
        Map.of(CHANGED_NAME, CHANGED_VALUE),
        Set.of(),
        now,
        IDLE_TIMEOUT,
        now.plus(IDLE_TIMEOUT),
        false,
        null);
  }
}
