package dev.sessionkit.jdbc;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.SessionKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the JDBC store's near cache: {@link NearCacheCore}'s rules over a bounded Caffeine map. A
 * database pushes nothing, so a change made by another node is seen here only once the kept copy
 * has aged out: {@code maximumAge} is the staleness bound, by the engine's clock, which is why it
 * is capped at {@link #LONGEST_MAXIMUM_AGE}. This node's own writes drop their session at once.
 */
final class JdbcNearCache {

  /** The longest maximum age allowed: past it, a logout on another node would wait too long. */
  static final Duration LONGEST_MAXIMUM_AGE = Duration.ofMinutes(1);

  private JdbcNearCache() {}

  /**
   * Checks the settings and builds the cache.
   *
   * @throws IllegalArgumentException if the size is not positive, or the age is not positive or
   *     longer than {@link #LONGEST_MAXIMUM_AGE}
   */
  static NearCacheCore create(long maximumSize, Duration maximumAge, Clock clock) {
    NearCacheCore.checkSettings(maximumSize, maximumAge);
    if (maximumAge.compareTo(LONGEST_MAXIMUM_AGE) > 0) {
      throw new IllegalArgumentException(
          "nearCache maximumAge must be at most "
              + LONGEST_MAXIMUM_AGE
              + ", since another node's logout is seen here only after it: "
              + maximumAge);
    }
    return new NearCacheCore(
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // only frees memory; the age is checked on every hit
            .expireAfterWrite(maximumAge)
            .ticker(() -> NearCacheCore.nanos(clock))
            .<SessionKey, Object>build()
            .asMap(),
        clock,
        maximumAge);
  }
}
