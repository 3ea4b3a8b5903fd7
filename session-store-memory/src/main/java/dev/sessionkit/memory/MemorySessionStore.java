package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.SessionSweep;
import dev.sessionkit.spi.StoreContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions in this process's memory: bounded, each expiring at its own deadline, the default when
 * no other store is configured. Built on Caffeine; thread-safe.
 *
 * <p>Each entry expires at its session's idle or absolute deadline, whichever comes first, read
 * from the engine's {@link Clock}; a scheduler removes it then even if no request comes, and the
 * engine's listener hears {@link SessionListener#expired}. Past {@link
 * MemoryStoreBuilder#maximumSize} sessions the cache drops the ones least likely to be used again
 * (Caffeine's W-TinyLFU, which favours recent and frequent use, as told by every write and one load
 * in eight on each thread) and the listener hears {@link SessionListener#evicted}. Records are
 * immutable and their values are JSON text, so nothing a request does to its objects after saving
 * changes what another request loads.
 *
 * <p>Each session is kept as one packed {@code byte[]} under a 256-bit key of four longs (about 300
 * bytes a session of three small attributes, cache bookkeeping included, where the records
 * themselves take about 500; see {@code docs/memory-store.md}). A load answers with a view of those
 * bytes that decodes an attribute when it is read; a write packs a new array and swaps it in with a
 * compare-and-set, so concurrent writes to one session merge and a deleted or expired session is
 * never brought back. Instants and durations are kept to the millisecond.
 *
 * <p>Sessions live only as long as the process, unless a {@link MemoryStoreBuilder#snapshotFile
 * snapshot file} is set: then {@link #close()} writes the live sessions to it and the next store
 * built with it reads them back. That is meant for development restarts; a cluster needs a shared
 * store.
 *
 * <pre>{@code
 * SessionManager sessions =
 *     SessionManager.create(config, MemorySessionStore.builder().maximumSize(50_000));
 * }</pre>
 */
public final class MemorySessionStore
    implements SessionStore, PrincipalSessions, SessionInventory, SessionRenewal, SessionSweep {

  /** The default bound on the number of sessions. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private static final System.Logger LOG = System.getLogger(MemorySessionStore.class.getName());

  private final Clock clock;
  private final Cache<MemoryKey, byte[]> cache;
  private final ConcurrentMap<MemoryKey, byte[]> map;
  private final Policy<MemoryKey, byte[]> policy;
  private final PrincipalIndex principals = new PrincipalIndex();
  private final Listeners listeners;
  private final Executor executor;
  private final AtomicLong expiredCount = new AtomicLong();
  private final SnapshotFile snapshot;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CapAndInventory admin;
  private final ThreadLocal<LastLoad> lastLoad = ThreadLocal.withInitial(LastLoad::new);
  private final Forwards forwards;

  MemorySessionStore(StoreContext context, long maximumSize, Path snapshotFile, Executor executor) {
    this.clock = context.clock();
    this.listeners = new Listeners(context.listener());
    this.executor = executor;
    this.snapshot = snapshotFile == null ? null : new SnapshotFile(snapshotFile);
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // The engine's clock, in whole milliseconds: tests that move the clock move expiry.
            .ticker(() -> DeadlineExpiry.nanos(clock.millis()))
            .expireAfter(new DeadlineExpiry())
            .scheduler(Scheduler.systemScheduler())
            .executor(executor)
            // Only an eviction listener: a removal listener would cost a task on the executor for
            // every write, since Caffeine reports each replaced value to it.
            .evictionListener(this::onEviction)
            .build();
    this.map = cache.asMap();
    this.forwards = new Forwards(clock, maximumSize, executor);
    this.policy = cache.policy();
    this.admin = new CapAndInventory(map, clock, this::findByPrincipal, this::deleteIf);
    if (snapshot != null) {
      restore(snapshot.readAndDelete());
    }
  }

  /**
   * Starts a builder with every setting at its default.
   *
   * @return a new builder
   */
  public static MemoryStoreBuilder builder() {
    return new MemoryStoreBuilder();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    LastLoad last = lastLoad.get();
    MemoryKey k = MemoryKey.of(key);
    // Caffeine answers null once the deadline is reached (see DeadlineExpiry). One read in
    // READ_SAMPLE per thread is recorded for the eviction policy; the rest skip Caffeine's read
    // buffer and its upkeep (see LastLoad#sampleRead).
    byte[] packed = last.sampleRead() ? cache.getIfPresent(k) : policy.getIfPresentQuietly(k);
    if (packed == null) {
      last.forget();
      MemoryKey to = forwards.target(k);
      byte[] renewed = to == null ? null : cache.getIfPresent(to);
      return renewed == null
          ? Optional.empty()
          : Optional.of(Packed.toRecord(to.toSessionKey(), renewed));
    }
    last.remember(key, k, packed);
    return Optional.of(Packed.toRecord(key, packed));
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    map.compute(
        MemoryKey.of(record.key()),
        new IndexedWrites.Create(principals, Packed.of(record), record.principal()));
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    LastLoad last = lastLoad.get();
    MemoryKey key = last.keyIfLoaded(delta.key());
    byte[] current;
    if (key != null) {
      current = last.loaded();
    } else {
      key = MemoryKey.of(delta.key());
      current = policy.getIfPresentQuietly(key);
    }
    last.forget();
    if (applyAt(key, delta, current)) {
      return true;
    }
    MemoryKey to = forwards.target(key);
    return to != null
        && applyAt(to, delta.withKey(to.toSessionKey()), policy.getIfPresentQuietly(to));
  }

  /** Applies a delta to the record under {@code key}, starting from {@code current}. */
  private boolean applyAt(MemoryKey key, SessionDelta delta, byte[] current) {
    while (current != null) {
      if (delta.principalChanged() && !Packed.hasPrincipal(current, delta.principal())) {
        return applyMovingPrincipal(key, delta);
      }
      // The principal stays, so the index stays: a compare-and-set of the bytes is enough, and is
      // cheaper than a compute. It fails if another write came first (then merge again with it),
      // or if the session was deleted or has expired meanwhile (then the next read finds nothing).
      if (map.replace(key, current, Packed.apply(current, delta))) {
        return true;
      }
      current = policy.getIfPresentQuietly(key);
    }
    return false;
  }

  /** A delta that changes the principal moves the key in the index atomically with the bytes. */
  private boolean applyMovingPrincipal(MemoryKey key, SessionDelta delta) {
    IndexedWrites.Apply apply = new IndexedWrites.Apply(principals, delta);
    map.computeIfPresent(key, apply);
    return apply.applied();
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    LastLoad last = lastLoad.get();
    MemoryKey k = last.keyIfLoaded(key);
    byte[] current;
    if (k != null) {
      current = last.loaded();
    } else {
      k = MemoryKey.of(key);
      current = policy.getIfPresentQuietly(k);
    }
    last.forget();
    if (touchAt(k, current, lastAccessTime)) {
      return true;
    }
    MemoryKey to = forwards.target(k);
    return to != null && touchAt(to, policy.getIfPresentQuietly(to), lastAccessTime);
  }

  private boolean touchAt(MemoryKey k, byte[] current, Instant lastAccessTime) {
    while (current != null) {
      if (map.replace(k, current, Packed.touch(current, lastAccessTime))) {
        return true;
      }
      current = policy.getIfPresentQuietly(k);
    }
    return false;
  }

  /**
   * Moves a session to a new key. The new record is written first and the old one removed only if
   * it is still the bytes the move started from (a compare-and-remove), after the forward is in
   * place: a write through the old key either lands on the old bytes before the removal, which then
   * fails and the move starts again from them, or finds the old key empty and follows the forward
   * to the new record. Renewals of one key are serialized; writes never wait for them.
   */
  @Override
  public boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(graceUntil, "graceUntil");
    lastLoad.get().forget();
    MemoryKey old = MemoryKey.of(from);
    MemoryKey to = MemoryKey.of(delta.key());
    SessionDelta atOld = delta.withKey(from);
    synchronized (forwards.lockFor(old)) {
      byte[] current = policy.getIfPresentQuietly(old);
      if (current == null) {
        return false;
      }
      Forwards.Forward forward = forwards.put(old, to, Packed.millis(graceUntil));
      while (current != null) {
        byte[] moved = Packed.apply(current, atOld);
        map.compute(to, new IndexedWrites.Create(principals, moved, Packed.principal(moved)));
        IndexedWrites.Remove remove = new IndexedWrites.Remove(principals, current);
        map.computeIfPresent(old, remove);
        if (remove.removed()) {
          return true;
        }
        current = policy.getIfPresentQuietly(old);
      }
      // Deleted or expired meanwhile: nothing is moved, and nothing leads anywhere.
      forwards.remove(old, forward);
      deleteIf(to, null);
      return false;
    }
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    MemoryKey k = MemoryKey.of(key);
    if (deleteIf(k, null)) {
      return true;
    }
    MemoryKey to = forwards.target(k);
    forwards.remove(k);
    return to != null && deleteIf(to, null);
  }

  /** Deletes a live record, only if it belongs to {@code principal} when that is not null. */
  private boolean deleteIf(MemoryKey key, String principal) {
    IndexedWrites.Delete delete = new IndexedWrites.Delete(principals, principal);
    map.computeIfPresent(key, delete);
    return delete.deleted();
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionRecord> found = new ArrayList<>();
    for (MemoryKey key : principals.candidates(principal)) {
      byte[] packed = policy.getIfPresentQuietly(key);
      if (packed != null && Packed.hasPrincipal(packed, principal)) {
        found.add(Packed.toRecord(key.toSessionKey(), packed));
      }
    }
    return found;
  }

  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionKey> deleted = new ArrayList<>();
    for (MemoryKey key : principals.candidates(principal)) {
      if (deleteIf(key, principal)) {
        deleted.add(key.toSessionKey());
      }
    }
    return deleted;
  }

  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(newcomer, "newcomer");
    return admin.admit(principal, newcomer, limit, endOldest);
  }

  @Override
  public long count() {
    return admin.count();
  }

  @Override
  public boolean countIsCheap() {
    return true;
  }

  @Override
  public Page page(Optional<String> cursor, int limit) {
    Objects.requireNonNull(cursor, "cursor");
    return admin.page(cursor, limit);
  }

  @Override
  public long clear() {
    forwards.clear();
    return admin.clear();
  }

  /**
   * Removes the sessions that have expired now, firing their events, instead of waiting for the
   * scheduler (which removes each within about a second of its deadline). Tests that move the clock
   * call it; production code need not.
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
        long now = clock.millis();
        List<SessionRecord> live = new ArrayList<>();
        map.forEach(
            (key, packed) -> {
              if (now < Packed.expiresAt(packed)) {
                live.add(Packed.toRecord(key.toSessionKey(), packed));
              }
            });
        snapshot.write(live);
        LOG.log(
            System.Logger.Level.INFO,
            "Saved " + live.size() + " sessions to " + snapshot.path() + " for the next start");
      }
    } finally {
      cache.invalidateAll();
      forwards.clear();
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

  /**
   * Runs inside the atomic removal of an expired or evicted entry: keeps the index exact, then
   * hands the event to the executor, so that the listener runs outside the cache's locks.
   */
  private void onEviction(MemoryKey key, byte[] packed, RemovalCause cause) {
    if (cause == RemovalCause.EXPIRED) {
      expiredCount.incrementAndGet();
    }
    if (key == null || packed == null) {
      return;
    }
    principals.move(key, Packed.principal(packed), null);
    if (listeners.wantsEvents()) {
      try {
        executor.execute(() -> listeners.fire(key, packed, cause, clock.instant()));
      } catch (RuntimeException e) {
        // A rejecting executor loses the event, never the cache's upkeep.
        LOG.log(System.Logger.Level.WARNING, "Could not deliver the " + cause + " event", e);
      }
    }
  }
}
