package dev.sessionkit.memory;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Records for the memory store's own tests. */
final class Sessions {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Sessions() {}

  static SessionRecord record(Clock clock, Duration idle, String principal) {
    return new SessionRecord(
        SessionId.generate(RANDOM).key(),
        clock.instant(),
        clock.instant(),
        idle,
        null,
        principal,
        Map.of("user", "\"" + principal + "\"", "n", "1"));
  }
}
