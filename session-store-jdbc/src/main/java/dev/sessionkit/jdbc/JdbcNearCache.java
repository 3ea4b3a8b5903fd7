package dev.sessionkit.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Sessions this node loaded within the last {@code maximumAge}, answered from memory. A database
 * pushes nothing, so a change made by another node is seen here only once the kept copy has aged
 * out: {@code maximumAge} is the staleness bound, by the engine's clock. This node's own writes
 * drop their session at once, and a load that raced one of them is returned but not kept (it first
 * puts a marker that the write removes). A kept session whose deadline has passed by the engine's
 * clock reads as missing. Thread-safe.
 */
final class JdbcNearCache {

  /** The longest maximum age allowed: past it, a logout on another node would wait too long. */
  static final Duration LONGEST_MAXIMUM_AGE = Duration.ofMinutes(1);

  private final Cache<SessionKey, Object> entries;
  private final ConcurrentMap<SessionKey, Object> map;
  private final Clock clock;
  private final Duration maximumAge;

  JdbcNearCache(long maximumSize, Duration maximumAge, Clock clock) {
    this.clock = clock;
    this.maximumAge = maximumAge;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // only frees memory; the age is checked on every hit
            .expireAfterWrite(maximumAge)
            .ticker(() -> nanos(clock.instant()))
            .build();
    this.map = entries.asMap();
  }

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if the size is not positive, or the age is not positive or
   *     longer than {@link #LONGEST_MAXIMUM_AGE}
   */
  static void check(long maximumSize, Duration maximumAge) {
    if (maximumSize < 1) {
      throw new IllegalArgumentException("nearCache maximumSize must be positive: " + maximumSize);
    }
    if (maximumAge.isNegative() || maximumAge.isZero()) {
      throw new IllegalArgumentException("nearCache maximumAge must be positive: " + maximumAge);
    }
    if (maximumAge.compareTo(LONGEST_MAXIMUM_AGE) > 0) {
      throw new IllegalArgumentException(
          "nearCache maximumAge must be at most "
              + LONGEST_MAXIMUM_AGE
              + ", since another node's logout is seen here only after it: "
              + maximumAge);
    }
  }

  /** A fresh kept copy, else {@code read} (kept when present and no local write raced it). */
  Optional<SessionRecord> load(SessionKey key, Supplier<Optional<SessionRecord>> read) {
    Instant now = clock.instant();
    if (map.get(key) instanceof Kept kept) {
      if (now.isBefore(kept.until())) {
        return kept.record().isExpiredAt(now) ? Optional.empty() : Optional.of(kept.record());
      }
      map.remove(key, kept);
    }
    Object pending = new Object();
    map.put(key, pending);
    Optional<SessionRecord> loaded;
    try {
      loaded = read.get();
    } catch (RuntimeException e) {
      map.remove(key, pending);
      throw e;
    }
    // A renewed session's old key answers the new key's record: not kept under the old key, which
    // a write through the new one would not drop.
    if (loaded.isPresent() && loaded.get().key().equals(key)) {
      map.replace(key, pending, new Kept(loaded.get(), now.plus(maximumAge)));
    } else {
      map.remove(key, pending);
    }
    return loaded;
  }

  /** Drops a session this node has just written. */
  void forget(SessionKey key) {
    map.remove(key);
  }

  /** Drops everything. */
  void forgetAll() {
    entries.invalidateAll();
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** A kept session and until when it may be answered from memory. */
  private record Kept(SessionRecord record, Instant until) {}
}
