package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.sessionkit.ExpiryEvents;
import dev.sessionkit.ExpirySweeper;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions in this process's memory: bounded, each expiring at its own deadline, the default when
 * no other store is configured. Built on Caffeine; thread-safe.
 *
 * <p>Each entry expires at its session's idle or absolute deadline, whichever comes first, read
 * from the store's {@link Clock}; a scheduler removes it then even if no request comes, and
 * subscribers hear {@link SessionListener#expired}. Past {@link Builder#maximumSize} sessions the
 * cache drops the ones least likely to be used again (Caffeine's W-TinyLFU, which favours recent
 * and frequent use) and subscribers hear {@link SessionListener#evicted}. Records are immutable and
 * their values are JSON text, so nothing a request does to its objects after saving changes what
 * another request loads.
 *
 * <p>Sessions live only as long as the process, unless a {@link Builder#snapshotFile snapshot file}
 * is set: then {@link #close()} writes the live sessions to it and the next store built with it
 * reads them back. That is meant for development restarts; a cluster needs a shared store.
 *
 * <pre>{@code
 * SessionStore store = MemorySessionStore.builder().maximumSize(50_000).build();
 * }</pre>
 */
public final class MemorySessionStore implements SessionStore, ExpiryEvents, ExpirySweeper {

  /** The default bound on the number of sessions. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private static final System.Logger LOG = System.getLogger(MemorySessionStore.class.getName());

  private final Clock clock;
  private final Cache<SessionKey, SessionRecord> cache;
  private final PrincipalIndex principals = new PrincipalIndex();
  private final Listeners listeners = new Listeners();
  private final AtomicLong expiredCount = new AtomicLong();
  private final SnapshotFile snapshot;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MemorySessionStore(Builder builder) {
    this.clock = builder.clock == null ? Clock.systemUTC() : builder.clock;
    this.snapshot = builder.snapshotFile == null ? null : new SnapshotFile(builder.snapshotFile);
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(builder.maximumSize == null ? DEFAULT_MAXIMUM_SIZE : builder.maximumSize)
            // Caffeine reads time from the store's clock, so tests that move the clock move expiry.
            .ticker(() -> DeadlineExpiry.nanos(clock.instant()))
            .expireAfter(new DeadlineExpiry())
            .scheduler(Scheduler.systemScheduler())
            .executor(builder.executor == null ? ForkJoinPool.commonPool() : builder.executor)
            .evictionListener(this::unindexOnEviction)
            .removalListener(this::notifyListeners)
            .build();
    if (snapshot != null) {
      restore(snapshot.readAndDelete());
    }
  }

  /**
   * Starts a builder with every setting at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    SessionRecord record = cache.getIfPresent(key);
    return record == null || record.isExpiredAt(clock.instant())
        ? Optional.empty()
        : Optional.of(record);
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    cache
        .asMap()
        .compute(
            record.key(),
            (key, old) -> {
              principals.move(key, old == null ? null : old.principal(), record.principal());
              return record;
            });
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    Instant now = clock.instant();
    boolean[] applied = {false};
    // computeIfPresent runs atomically per key: concurrent deltas merge, none is lost, and a
    // record that is gone stays gone.
    cache
        .asMap()
        .computeIfPresent(
            delta.key(),
            (key, current) -> {
              if (current.isExpiredAt(now)) {
                return current;
              }
              SessionRecord next = current.apply(delta);
              principals.move(key, current.principal(), next.principal());
              applied[0] = true;
              return next;
            });
    return applied[0];
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Instant now = clock.instant();
    boolean[] touched = {false};
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, current) -> {
              if (current.isExpiredAt(now)) {
                return current;
              }
              touched[0] = true;
              return current.touch(lastAccessTime);
            });
    return touched[0];
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return deleteIf(key, null);
  }

  /** Deletes a live record, only if it belongs to {@code principal} when that is not null. */
  private boolean deleteIf(SessionKey key, String principal) {
    Instant now = clock.instant();
    boolean[] deleted = {false};
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, current) -> {
              // An expired record is left for Caffeine to remove, so that it reports the expiry.
              if (current.isExpiredAt(now)
                  || (principal != null && !principal.equals(current.principal()))) {
                return current;
              }
              principals.move(k, current.principal(), null);
              deleted[0] = true;
              return null;
            });
    return deleted[0];
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    Set<SessionKey> keys = new HashSet<>();
    for (SessionKey key : principals.candidates(principal)) {
      load(key).filter(r -> principal.equals(r.principal())).ifPresent(r -> keys.add(key));
    }
    return keys;
  }

  @Override
  public int deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    int count = 0;
    for (SessionKey key : principals.candidates(principal)) {
      if (deleteIf(key, principal)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void subscribe(SessionListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes the sessions that have expired now, firing their events, instead of waiting for the
   * scheduler. Tests that move the clock call it; production code need not.
   *
   * @return how many sessions expired while it ran
   */
  @Override
  public long sweepExpired() {
    long before = expiredCount.get();
    cache.cleanUp();
    return expiredCount.get() - before;
  }

  /**
   * Returns roughly how many sessions the store holds, expired ones not yet removed included.
   *
   * @return the estimated number of entries
   */
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /**
   * Writes the live sessions to the snapshot file, if one is set, then drops them all (without
   * events), so that nothing the scheduler still holds keeps them in memory. Calling it again does
   * nothing.
   *
   * @throws dev.sessionkit.SessionStoreException when the snapshot file cannot be written
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (snapshot != null) {
        Instant now = clock.instant();
        List<SessionRecord> live =
            cache.asMap().values().stream().filter(r -> !r.isExpiredAt(now)).toList();
        snapshot.write(live);
        LOG.log(
            System.Logger.Level.INFO,
            "Saved " + live.size() + " sessions to " + snapshot.path() + " for the next start");
      }
    } finally {
      cache.invalidateAll();
    }
  }

  private void restore(List<SessionRecord> records) {
    Instant now = clock.instant();
    int restored = 0;
    for (SessionRecord record : records) {
      if (!record.isExpiredAt(now)) {
        create(record);
        restored++;
      }
    }
    if (!records.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Restored " + restored + " live sessions from " + snapshot.path());
    }
  }

  /** Runs inside the atomic removal of an expired or evicted entry, keeping the index exact. */
  private void unindexOnEviction(SessionKey key, SessionRecord record, RemovalCause cause) {
    if (key != null && record != null) {
      principals.move(key, record.principal(), null);
    }
    if (cause == RemovalCause.EXPIRED) {
      expiredCount.incrementAndGet();
    }
  }

  /** Runs on the executor after a removal; only automatic removals are events of the store. */
  private void notifyListeners(SessionKey key, SessionRecord record, RemovalCause cause) {
    if (key != null && record != null) {
      listeners.fire(key, record, cause, clock.instant());
    }
  }

  /**
   * Settings of a {@link MemorySessionStore}. Each may be given once; {@link #build()} checks them.
   * Not thread-safe.
   */
  public static final class Builder {

    private Clock clock;
    private Long maximumSize;
    private Path snapshotFile;
    private Executor executor;

    private Builder() {}

    /**
     * Sets the clock that decides expiry. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if the clock was already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many sessions the store keeps at most. Default: {@link #DEFAULT_MAXIMUM_SIZE}.
     *
     * @param maximumSize the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maximumSize} is less than 1
     * @throws IllegalStateException if the maximum size was already set
     */
    public Builder maximumSize(long maximumSize) {
      requireUnset(this.maximumSize, "maximumSize");
      if (maximumSize < 1) {
        throw new IllegalArgumentException("maximumSize must be at least 1: " + maximumSize);
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * Sets a file to save sessions to on {@link MemorySessionStore#close()} and to read (then
     * delete) on build, so that sessions survive a restart. Default: none. A corrupt or foreign
     * file is logged and ignored.
     *
     * @param snapshotFile the file; its directory is created when needed
     * @return this builder
     * @throws IllegalStateException if the snapshot file was already set
     */
    public Builder snapshotFile(Path snapshotFile) {
      requireUnset(this.snapshotFile, "snapshotFile");
      this.snapshotFile = Objects.requireNonNull(snapshotFile, "snapshotFile");
      return this;
    }

    /**
     * Sets where expiry and eviction events are delivered and cache upkeep runs. Default: {@link
     * ForkJoinPool#commonPool()}; tests may pass {@code Runnable::run} to hear events at once.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException if the executor was already set
     */
    public Builder executor(Executor executor) {
      requireUnset(this.executor, "executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the store, reading the snapshot file if one is set.
     *
     * @return the store
     */
    public MemorySessionStore build() {
      return new MemorySessionStore(this);
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
