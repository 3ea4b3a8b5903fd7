package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a session. Carries the store key, never the raw id.
 *
 * @param key the session's key
 * @param principal who was logged in, if known
 * @param time when it happened
 */
public record SessionEvent(SessionKey key, Optional<String> principal, Instant time) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SessionEvent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(time, "time");
  }
}
