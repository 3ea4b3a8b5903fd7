package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One live session as a list of a principal's sessions shows it. Holds the store key, which names
 * the session without being usable as its id.
 *
 * @param key the session's store key
 * @param creationTime when it was created
 * @param lastAccessTime when it was last used, as last persisted
 * @param expiresAt when it ends if not used again
 */
public record SessionInfo(
    SessionKey key, Instant creationTime, Instant lastAccessTime, Instant expiresAt) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SessionInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
