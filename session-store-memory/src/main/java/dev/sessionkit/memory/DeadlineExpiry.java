package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Each cache entry lives until the end of the {@linkplain #SLOT slot} its session's deadline (the
 * earlier of idle and absolute) falls in. Reads do not extend it: only a touch or an apply moves a
 * session on.
 *
 * <p>The cache's time is a coarse upper bound, and the store's own check of the exact deadline (on
 * the engine's clock, to the millisecond) is the one that counts. That lets a write that keeps the
 * deadline in its slot swap the entry's bytes without telling the cache (most writes: a request
 * moves the idle deadline by the time since the last one); a write that moves it to another slot
 * goes through the cache's compute, which asks this expiry again under the entry's lock.
 *
 * <p>Caffeine's ticker reads the engine's clock in whole milliseconds scaled to nanoseconds.
 */
final class DeadlineExpiry implements Expiry<MemoryKey, MemoryKey> {

  /**
   * Milliseconds (a power of two) that the cache's expiry is rounded up to: the scheduler removes a
   * session at most this late past its deadline, plus Caffeine's own timer-wheel delay.
   */
  static final long SLOT = 1024;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Whether the cache's expiry stays the same when the deadline moves from one to the other. */
  static boolean sameSlot(byte[] current, byte[] next) {
    return Math.floorDiv(Packed.expiresAt(current), SLOT)
        == Math.floorDiv(Packed.expiresAt(next), SLOT);
  }

  /** The end of the slot of a deadline: the cache's expiry, in epoch millis. */
  static long slotEnd(long deadline) {
    long slot = Math.floorDiv(deadline, SLOT);
    return slot >= Long.MAX_VALUE / SLOT - 1 ? Long.MAX_VALUE : (slot + 1) * SLOT;
  }

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

  private static long remaining(MemoryKey holder, long currentTime) {
    byte[] packed = holder.bytes();
    if (packed == null) {
      return 0;
    }
    long deadline = nanos(slotEnd(Packed.expiresAt(packed)));
    long remaining = deadline - currentTime;
    // Overflow only when the two are of opposite signs and far apart: saturate.
    if (((deadline ^ currentTime) & (deadline ^ remaining)) < 0) {
      return deadline > currentTime ? Long.MAX_VALUE : 0;
    }
    return Math.max(0, remaining);
  }

  @Override
  public long expireAfterCreate(MemoryKey key, MemoryKey holder, long currentTime) {
    return remaining(holder, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      MemoryKey key, MemoryKey holder, long currentTime, long currentDuration) {
    return remaining(holder, currentTime);
  }

  @Override
  public long expireAfterRead(
      MemoryKey key, MemoryKey holder, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
