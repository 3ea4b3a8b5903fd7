package dev.sessionkit.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sessions this node loaded recently, answered from memory, and dropped when Redis says they
 * changed. Freshness comes from a {@link Tracking} connection with {@code CLIENT TRACKING} on:
 * Redis remembers every key read on it and pushes an invalidation when one changes, whoever changed
 * it. So only reads sent on that connection, while tracking is known to be on, may fill the cache;
 * anything else goes to Redis as without a cache. Thread-safe.
 *
 * <p>Three rules keep it sound; the first and the last are {@link NearCacheCore}'s, shared with the
 * JDBC store's near cache:
 *
 * <ul>
 *   <li><b>A fill never outlives an invalidation that raced it.</b> A miss first puts a marker,
 *       then reads; the record replaces the marker only if the marker is still there. An
 *       invalidation, a local write or a disconnect removes the marker, so a read that crossed any
 *       of them is returned but not kept.
 *   <li><b>A fill needs tracking on, on the same connection, before and after the read.</b> Every
 *       disconnect and reconnect starts a new generation and clears everything; a read counts only
 *       if tracking was armed for its generation when it was sent and still is when it returns.
 *       Lettuce replays commands after a reconnect before tracking is on again: those are never
 *       kept.
 *   <li><b>Nothing is kept longer than {@code maximumAge}</b> by the engine's clock, however many
 *       pushes are lost; and a record whose deadline has passed by that clock reads as missing.
 * </ul>
 */
final class NearCache implements AutoCloseable {

  private static final String CLUSTER_REFUSED =
      "nearCache is not supported on Redis Cluster: Lettuce opens, routes to and reconnects each"
          + " node's connection by itself, so the store cannot make sure that tracking is on for"
          + " the connection a read goes through; use it with uri (standalone or Sentinel) or a"
          + " RedisClient";

  private final Cache<SessionKey, Object> entries;
  private final NearCacheCore core;
  private final Tracking tracking;
  private volatile Consumer<SessionKey> onInvalidated = key -> {};

  /** Counts connects and disconnects of the tracking connection: odd while it is up. */
  private long generation;

  /** The generation whose reads may fill the cache, or 0: none. */
  private volatile long armed;

  NearCache(
      long maximumSize,
      Duration maximumAge,
      Clock clock,
      RedisClient client,
      SessionHashLayout layout,
      Duration timeout) {
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // only frees memory; freshness is checked on every hit
            .expireAfterWrite(maximumAge)
            .ticker(() -> NearCacheCore.nanos(clock))
            .build();
    this.core = new NearCacheCore(entries.asMap(), clock, maximumAge);
    this.tracking = new Tracking(client, layout, timeout, this);
  }

  /**
   * Checks the near cache's settings against the way to reach Redis, before anything is opened.
   *
   * @throws IllegalStateException if the way cannot carry a tracking connection of the cache's own
   * @throws IllegalArgumentException if the size or age is not positive
   */
  static void checkSettings(RedisSource source, long maximumSize, Duration maximumAge) {
    if (source instanceof RedisSource.Connection) {
      throw new IllegalStateException(
          "nearCache cannot be combined with connection: it opens a connection of its own with"
              + " CLIENT TRACKING on; give uri or client instead");
    }
    if (source instanceof RedisSource.ClusterUris) {
      throw new IllegalStateException(CLUSTER_REFUSED);
    }
    NearCacheCore.checkSettings(maximumSize, maximumAge);
  }

  /**
   * Checks the client the store reaches Redis through.
   *
   * @throws IllegalStateException for a Cluster client, or a client set to speak RESP2
   */
  static void checkClient(AbstractRedisClient client) {
    if (!(client instanceof RedisClient single)) {
      throw new IllegalStateException(CLUSTER_REFUSED);
    }
    if (single.getOptions().getConfiguredProtocolVersion() == ProtocolVersion.RESP2) {
      throw new IllegalStateException(
          "nearCache needs RESP3 push messages, but the client is set to RESP2: leave its"
              + " protocolVersion unset or set RESP3");
    }
  }

  /** Opens the tracking connection now, if Redis answers within its timeout. */
  NearCache start() {
    tracking.tryOpen();
    return this;
  }

  /**
   * Loads a session: from memory when a fresh copy is kept, else by {@code read} on the tracking
   * connection (kept if nothing raced it), else, while tracking is off, by {@code read} on {@code
   * plain} calls and not kept.
   */
  Optional<SessionRecord> load(
      SessionKey key,
      Function<RedisCalls, Optional<SessionRecord>> read,
      Supplier<RedisCalls> plain) {
    if (entries.policy().getIfPresentQuietly(key) instanceof Written written
        && written.firstReadSince()) {
      // This node changed the session last: read it as without a cache, and keep nothing.
      return read.apply(plain.get());
    }
    long generationAtSend = armed;
    boolean[] tracked = new boolean[1];
    return core.load(
        key,
        () -> {
          RedisCalls calls = generationAtSend == 0 ? null : tracking.calls("load " + key);
          tracked[0] = calls != null;
          return read.apply(tracked[0] ? calls : plain.get());
        },
        // Kept only if read on the tracking connection, and tracking stayed on throughout.
        () -> tracked[0] && armed == generationAtSend);
  }

  /** Drops a session after this node wrote it; the push for the write may come later. */
  void forget(SessionKey key) {
    core.forget(key);
  }

  /**
   * Drops a session after this node changed it, and marks it so that the next load reads it on the
   * store's usual connection without keeping it; only the load after that reads it on the tracking
   * connection and keeps it. A session written on every request is then never tracked by Redis, so
   * its writes cost neither an invalidation push nor a refill, and run as they do without a cache;
   * a session read again after the write is kept from its second read on. A marker replaces a copy
   * or a read in flight as {@link #forget} does (so neither outlives the write) and is reset in
   * place when the session is written again, without a write to the cache.
   */
  void wrote(SessionKey key) {
    if (entries.policy().getIfPresentQuietly(key) instanceof Written written) {
      written.again();
    } else {
      entries.put(key, new Written());
    }
  }

  /** Drops everything. */
  void forgetAll() {
    core.forgetAll();
  }

  /** Redis says a key changed (or, with null, that everything may have). */
  void invalidated(SessionKey key) {
    // A marker of this node's write holds no data and sends the next load to Redis untracked, so
    // it survives the push, which for our own write often arrives after the write returned: were
    // it dropped, that load would track the session again and the next write would be pushed.
    // One atomic step: a marker put between a look and a removal would be lost.
    entries.asMap().computeIfPresent(key, (k, kept) -> kept instanceof Written ? kept : null);
    onInvalidated.accept(key);
  }

  /** The tracking connection was lost: nothing kept can be trusted, nothing read counts. */
  synchronized void disarm() {
    armed = 0;
    if (generation % 2 == 1) {
      generation++;
    }
    core.forgetAll();
  }

  /**
   * The tracking connection is up again: starts a generation whose reads count once {@link
   * #armed(long)} confirms that tracking is on.
   *
   * @return the new generation
   */
  synchronized long rearm() {
    disarm();
    generation++;
    return generation;
  }

  /** Tracking is on for a generation; ignored if the connection was lost meanwhile. */
  synchronized void armed(long confirmed) {
    if (generation == confirmed) {
      armed = confirmed;
    }
  }

  /** Whether reads on the tracking connection fill the cache now. */
  boolean isArmed() {
    return armed != 0;
  }

  /** How many sessions (and reads in flight) are kept now, for tests. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** Called on a Lettuce thread after each key Redis invalidated has been dropped; for tests. */
  void onInvalidated(Consumer<SessionKey> listener) {
    this.onInvalidated = listener;
  }

  @Override
  public void close() {
    tracking.close();
    disarm();
  }

  /** A session this node changed last, and whether a load has read it since. */
  private static final class Written {
    private volatile boolean readSince;

    /** True for the first load since the last write; two loads racing may both see true. */
    boolean firstReadSince() {
      if (readSince) {
        return false;
      }
      readSince = true;
      return true;
    }

    void again() {
      readSince = false;
    }
  }
}
