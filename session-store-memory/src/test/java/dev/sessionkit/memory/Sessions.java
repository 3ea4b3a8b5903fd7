package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Records for the memory store's own tests. */
final class Sessions {

  private Sessions() {}

  static SessionRecord record(Clock clock, Duration idle, String principal) {
    return new SessionRecord(
        TestKeys.newKey(),
        clock.instant(),
        clock.instant(),
        idle,
        null,
        principal,
        Map.of("user", "\"" + principal + "\"", "n", "1"));
  }
}
