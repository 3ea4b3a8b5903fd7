package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Renewed sessions' old keys, each leading to the key it was renewed into until its grace ends.
 * Kept apart from the sessions, so that nothing that lists, counts or saves sessions sees them, and
 * bounded like them: an entry leaves at the end of its grace, on the engine's clock, or earlier
 * when more than the store's maximum are waiting (the old key then ends early, never a session).
 * Thread-safe.
 */
final class Forwards {

  /** Where an old key leads, and until when (epoch millis, exclusive). */
  record Forward(MemoryKey to, long until) {}

  private final Clock clock;
  private final Cache<MemoryKey, Forward> cache;
  private final Object[] locks = new Object[64];

  Forwards(Clock clock, long maximumSize, Executor executor) {
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .ticker(() -> DeadlineExpiry.nanos(clock.millis()))
            .expireAfter(
                new Expiry<MemoryKey, Forward>() {
                  @Override
                  public long expireAfterCreate(MemoryKey key, Forward f, long currentTime) {
                    return Math.max(0, DeadlineExpiry.nanos(f.until()) - currentTime);
                  }

                  @Override
                  public long expireAfterUpdate(
                      MemoryKey key, Forward f, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, f, currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      MemoryKey key, Forward f, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .executor(executor)
            .build();
  }

  /** The lock that serializes renewals of one old key. */
  Object lockFor(MemoryKey from) {
    return locks[from.hashCode() & (locks.length - 1)];
  }

  /** Starts forwarding {@code from} to {@code to} until {@code until}, if that is still ahead. */
  Forward put(MemoryKey from, MemoryKey to, long until) {
    if (until <= clock.millis()) {
      return null;
    }
    Forward forward = new Forward(to, until);
    cache.put(from, forward);
    return forward;
  }

  /** Takes back a forward this caller put, unless another replaced it. */
  void remove(MemoryKey from, Forward forward) {
    if (forward != null) {
      cache.asMap().remove(from, forward);
    }
  }

  /** Ends any forward of {@code from}. */
  void remove(MemoryKey from) {
    cache.invalidate(from);
  }

  /** The key {@code from} leads to now, or null. */
  MemoryKey target(MemoryKey from) {
    Forward forward = cache.getIfPresent(from);
    return forward == null ? null : forward.to();
  }

  void clear() {
    cache.invalidateAll();
  }
}
