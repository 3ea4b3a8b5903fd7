package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

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

  /** A delta that sets {@code set} and moves the session on to the clock's now. */
  static SessionDelta delta(
      Clock clock,
      SessionRecord record,
      Map<String, String> set,
      boolean principalChanged,
      String principal) {
    return new SessionDelta(
        record.key(),
        set,
        Set.of(),
        clock.instant(),
        record.idleTimeout(),
        clock.instant().plus(record.idleTimeout()),
        principalChanged,
        principal);
  }
}
