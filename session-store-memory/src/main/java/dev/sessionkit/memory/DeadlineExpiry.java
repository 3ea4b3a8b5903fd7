package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Each cache entry lives until its own session's deadline, the earlier of idle and absolute,
 * recomputed on every write. Reads do not extend it: only a touch or an apply moves a session on.
 *
 * <p>Caffeine's ticker reads the engine's clock in whole milliseconds scaled to nanoseconds, and
 * the duration handed back lands exactly on the deadline, so Caffeine's own check (expired when its
 * ticker reaches the entry's time) is the store's check, exact to the millisecond: {@code load},
 * {@code apply} and {@code touch} need no second reading of the clock.
 */
final class DeadlineExpiry implements Expiry<MemoryKey, byte[]> {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /**
   * Epoch millis as the ticker's nanoseconds; Caffeine only needs differences. Times past 2262 do
   * not fit and count as never.
   */
  static long nanos(long millis) {
    if (millis > Long.MAX_VALUE / NANOS_PER_MILLI) {
      return Long.MAX_VALUE;
    }
    if (millis < Long.MIN_VALUE / NANOS_PER_MILLI) {
      return Long.MIN_VALUE;
    }
    return millis * NANOS_PER_MILLI;
  }

  private static long remaining(byte[] packed, long currentTime) {
    long deadline = nanos(Packed.expiresAt(packed));
    long remaining = deadline - currentTime;
    // Overflow only when the two are of opposite signs and far apart: saturate.
    if (((deadline ^ currentTime) & (deadline ^ remaining)) < 0) {
      return deadline > currentTime ? Long.MAX_VALUE : 0;
    }
    return Math.max(0, remaining);
  }

  @Override
  public long expireAfterCreate(MemoryKey key, byte[] packed, long currentTime) {
    return remaining(packed, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      MemoryKey key, byte[] packed, long currentTime, long currentDuration) {
    return remaining(packed, currentTime);
  }

  @Override
  public long expireAfterRead(
      MemoryKey key, byte[] packed, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
