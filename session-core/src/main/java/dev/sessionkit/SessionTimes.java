package dev.sessionkit;

import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * A session's times as one value: when it was made and last used, its idle timeout, and its
 * absolute deadline (null when it has none). Immutable; each change is a new value.
 *
 * @param creationTime when the session was made
 * @param lastAccessTime when it was last used, as stored
 * @param idleTimeout how long it lives unused
 * @param absoluteDeadline when it ends whatever its use, or null
 */
record SessionTimes(
    Instant creationTime, Instant lastAccessTime, Duration idleTimeout, Instant absoluteDeadline) {

  static SessionTimes of(SessionRecord record) {
    return new SessionTimes(
        record.creationTime(),
        record.lastAccessTime(),
        record.idleTimeout(),
        record.absoluteDeadline());
  }

  Instant idleDeadline() {
    return lastAccessTime.plus(idleTimeout);
  }

  /** When the session ends if last used at {@code lastAccess}: idle or absolute, the first. */
  Instant expiresAt(Instant lastAccess) {
    return SessionRecord.expiresAt(lastAccess, idleTimeout, absoluteDeadline);
  }

  /** The idle timeout that ends the session at its absolute deadline, at least a millisecond. */
  Duration untilAbsolute() {
    if (absoluteDeadline == null) {
      throw new IllegalStateException(
          "a session without an absolute timeout must have an idle timeout");
    }
    Duration until = Duration.between(lastAccessTime, absoluteDeadline);
    return until.isNegative() || until.isZero() ? Duration.ofMillis(1) : until;
  }

  SessionTimes withIdleTimeout(Duration idleTimeout) {
    return new SessionTimes(creationTime, lastAccessTime, idleTimeout, absoluteDeadline);
  }

  SessionTimes withLastAccess(Instant lastAccess) {
    return new SessionTimes(creationTime, lastAccess, idleTimeout, absoluteDeadline);
  }
}
