package dev.sessionkit.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The freshness rules of a store's near cache (sessions this node loaded recently, answered from
 * memory), shared by every store that offers one, so that each keeps them the same way:
 *
 * <ul>
 *   <li><b>Nothing is answered past {@code maximumAge}</b> after it was read, by the engine's
 *       clock, whatever the backend pushes or fails to push; a kept session whose deadline has
 *       passed by that clock reads as missing.
 *   <li><b>A fill never outlives a write that raced it.</b> A miss first puts a marker, then reads;
 *       the record replaces the marker only if the marker is still there. A local write ({@link
 *       #forget}), a pushed invalidation or a reset removes the marker, so a read that crossed any
 *       of them is returned but not kept.
 *   <li><b>Only what was asked for is kept.</b> An empty answer is not kept (a forged or ended key
 *       costs a read, never a stale "no"), nor is a renewed session's old key kept with the new
 *       key's record (a write through the new key would not drop it).
 * </ul>
 *
 * <p>The store owns the map (bounded, for instance Caffeine's {@code asMap()}) and says when to
 * forget. Thread-safe when the map is.
 */
public final class NearCacheCore {

  /**
   * The default longest time a near cache answers a session without reading it again: 1 second.
   * Every store's {@code nearCache(maximumSize)} uses it.
   */
  public static final Duration DEFAULT_MAXIMUM_AGE = Duration.ofSeconds(1);

  private final ConcurrentMap<SessionKey, Object> entries;
  private final Clock clock;
  private final Duration maximumAge;

  /**
   * Keeps sessions in a map of the store's.
   *
   * @param entries where sessions and reads in flight are kept; bounded by the store
   * @param clock the engine's clock
   * @param maximumAge how long at most a session is answered without reading it again; positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maximumAge} is not positive
   */
  public NearCacheCore(
      ConcurrentMap<SessionKey, Object> entries, Clock clock, Duration maximumAge) {
    this.entries = Objects.requireNonNull(entries, "entries");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maximumAge =
        Settings.requirePositive(Objects.requireNonNull(maximumAge, "maximumAge"), "maximumAge");
  }

  /**
   * Checks a near cache's settings as every store's builder takes them.
   *
   * @param maximumSize how many sessions to keep
   * @param maximumAge how long at most a session is kept
   * @throws IllegalArgumentException naming {@code nearCache maximumSize} or {@code nearCache
   *     maximumAge} when one is not positive
   * @throws NullPointerException if {@code maximumAge} is null
   */
  public static void checkSettings(long maximumSize, Duration maximumAge) {
    if (maximumSize < 1) {
      throw new IllegalArgumentException("nearCache maximumSize must be positive: " + maximumSize);
    }
    Settings.requirePositive(
        Objects.requireNonNull(maximumAge, "maximumAge"), "nearCache maximumAge");
  }

  /**
   * Answers a load from a fresh kept copy, or by {@code read}, keeping what it returns.
   *
   * @param key the session's key
   * @param read reads the session from the backend
   * @return the session, or empty when it is missing or has expired
   */
  public Optional<SessionRecord> load(SessionKey key, Supplier<Optional<SessionRecord>> read) {
    return load(key, read, () -> true);
  }

  /**
   * Answers a load from a fresh kept copy, or by {@code read}, keeping what it returns only if
   * {@code keep}, asked once the read returned, says so (for a backend whose reads count only while
   * its invalidation channel is up).
   *
   * @param key the session's key
   * @param read reads the session from the backend
   * @param keep whether what {@code read} just returned may be kept
   * @return the session, or empty when it is missing or has expired
   */
  public Optional<SessionRecord> load(
      SessionKey key, Supplier<Optional<SessionRecord>> read, BooleanSupplier keep) {
    Instant now = clock.instant();
    if (entries.get(key) instanceof Kept kept) {
      if (now.isBefore(kept.until())) {
        return kept.record().isExpiredAt(now) ? Optional.empty() : Optional.of(kept.record());
      }
      entries.remove(key, kept);
    }
    Pending pending = new Pending();
    entries.put(key, pending);
    Optional<SessionRecord> loaded;
    try {
      loaded = read.get();
    } catch (RuntimeException e) {
      entries.remove(key, pending);
      throw e;
    }
    if (loaded.isPresent() && loaded.get().key().equals(key) && keep.getAsBoolean()) {
      entries.replace(key, pending, new Kept(loaded.get(), now.plus(maximumAge)));
    } else {
      entries.remove(key, pending);
    }
    return loaded;
  }

  /**
   * Drops a session: this node has just written it, or the backend said it changed.
   *
   * @param key the session's key
   */
  public void forget(SessionKey key) {
    entries.remove(key);
  }

  /** Drops everything, reads in flight included. */
  public void forgetAll() {
    entries.clear();
  }

  /**
   * Reads a clock as nanoseconds, for a cache's ticker, so that its own expiry (which only frees
   * memory) follows the engine's clock.
   *
   * @param clock the engine's clock
   * @return the clock's instant in nanoseconds since the epoch
   */
  public static long nanos(Clock clock) {
    Instant instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** A read in flight; compared by identity, so that only its own read replaces it. */
  private static final class Pending {}

  /** A kept session and until when it may be answered from memory. */
  private record Kept(SessionRecord record, Instant until) {}
}
