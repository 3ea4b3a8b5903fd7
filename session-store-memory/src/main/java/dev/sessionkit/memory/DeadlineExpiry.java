package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;

/**
 * Each cache entry lives until its own session's deadline, the earlier of idle and absolute,
 * recomputed on every write. Reads do not extend it: only a touch or an apply moves a session on.
 */
final class DeadlineExpiry implements Expiry<SessionKey, SessionRecord> {

  /**
   * Nanoseconds since the epoch: Caffeine's ticker only needs differences, read from our clock.
   * Deadlines past 2262 do not fit and count as never.
   */
  static long nanos(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long remaining(SessionRecord record, long currentTime) {
    return Math.max(0, nanos(record.expiresAt()) - currentTime);
  }

  @Override
  public long expireAfterCreate(SessionKey key, SessionRecord record, long currentTime) {
    return remaining(record, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      SessionKey key, SessionRecord record, long currentTime, long currentDuration) {
    return remaining(record, currentTime);
  }

  @Override
  public long expireAfterRead(
      SessionKey key, SessionRecord record, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
