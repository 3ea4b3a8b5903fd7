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
 * <p>Each session expires at its idle or absolute deadline, whichever comes first, read from the
 * engine's {@link Clock} and exact to the millisecond; a scheduler removes it within about two
 * seconds even if no request comes, and the engine's listener hears {@link
 * SessionListener#expired}. Past {@link MemoryStoreBuilder#maximumSize} sessions the cache drops
 * the ones least likely to be used again (Caffeine's W-TinyLFU, which favours recent and frequent
 * use, as told by every create, one load in eight on each thread and the writes that move a
 * session's expiry slot) and the listener hears {@link SessionListener#evicted}. Records are
 * immutable and their values are JSON text, so nothing a request does to its objects after saving
 * changes what another request loads.
 *
 * <p>Each session is kept as one packed {@code byte[]} under a 256-bit key of four longs (about 300
 * bytes a session of three small attributes, cache bookkeeping included, where the records
 * themselves take about 500; see {@code docs/memory-store.md}). A load answers with a view of those
 * bytes that decodes an attribute when it is read; a write packs a new array and swaps it into the
 * entry with a compare-and-set, so concurrent writes to one session merge and a deleted or expired
 * session is never brought back. Instants and durations are kept to the millisecond.
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
  private final Cache<MemoryKey, MemoryKey> cache;
  private final ConcurrentMap<MemoryKey, MemoryKey> map;
  private final Policy<MemoryKey, MemoryKey> policy;
  private final PrincipalIndex principals = new PrincipalIndex();
  private final Listeners listeners;
  private final Executor executor;
  private final AtomicLong expiredCount = new AtomicLong();
  private final SnapshotFile snapshot;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CapAndInventory admin;
  private final ThreadLocal<LastLoad> lastLoad = ThreadLocal.withInitial(LastLoad::new);
  private final Forwards forwards;
  private final HolderWrites writes;

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
    this.writes = new HolderWrites(map, policy, principals);
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
    MemoryKey holder = last.sampleRead() ? cache.getIfPresent(k) : policy.getIfPresentQuietly(k);
    long now = clock.millis();
    byte[] packed = live(holder, now);
    if (packed == null) {
      last.forget();
      MemoryKey to = forwards.target(k);
      byte[] renewed = to == null ? null : live(cache.getIfPresent(to), now);
      return renewed == null
          ? Optional.empty()
          : Optional.of(Packed.toRecord(to.toSessionKey(), renewed));
    }
    last.remember(key, holder, packed);
    return Optional.of(Packed.toRecord(key, packed));
  }

  /**
   * The bytes a holder found in the cache has, if the session is live at {@code now}: the cache's
   * expiry is only an upper bound (see {@link DeadlineExpiry}), the exact deadline is checked here.
   */
  private static byte[] live(MemoryKey holder, long now) {
    byte[] packed = holder == null ? null : holder.bytes();
    return packed != null && now < Packed.expiresAt(packed) ? packed : null;
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    MemoryKey key = MemoryKey.of(record.key());
    map.compute(
        key, new IndexedWrites.Create(principals, key, Packed.of(record), record.principal()));
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    return write(delta.key(), delta, null);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    return write(key, null, lastAccessTime);
  }

  /** Applies {@code delta}, or touches when it is null, following a renewal's forward. */
  private boolean write(SessionKey key, SessionDelta delta, Instant touchedAt) {
    LastLoad last = lastLoad.get();
    MemoryKey holder = last.keyIfLoaded(key);
    byte[] current = null;
    if (holder != null) {
      current = last.loaded();
    } else {
      holder = MemoryKey.of(key);
    }
    last.forget();
    long now = clock.millis();
    if (writes.write(holder, current, delta, touchedAt, now)) {
      return true;
    }
    MemoryKey to = forwards.target(holder);
    return to != null
        && writes.write(
            to, null, delta == null ? null : delta.withKey(to.toSessionKey()), touchedAt, now);
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
      MemoryKey holder = policy.getIfPresentQuietly(old);
      byte[] current = live(holder, clock.millis());
      if (current == null) {
        return false;
      }
      Forwards.Forward forward = forwards.put(old, to, Packed.millis(graceUntil));
      while (current != null) {
        byte[] moved = Packed.apply(current, atOld);
        map.compute(to, new IndexedWrites.Create(principals, to, moved, Packed.principal(moved)));
        IndexedWrites.Remove remove = new IndexedWrites.Remove(principals, current);
        map.computeIfPresent(old, remove);
        if (remove.removed()) {
          return true;
        }
        current = live(holder, clock.millis());
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

  /**
   * Deletes a live record, only if it belongs to {@code principal} when that is not null. One found
   * past its deadline is removed as expired, with its event.
   */
  private boolean deleteIf(MemoryKey key, String principal) {
    return remove(key, principal, false);
  }

  private boolean remove(MemoryKey key, String principal, boolean onlyExpired) {
    IndexedWrites.Delete delete =
        new IndexedWrites.Delete(principals, principal, clock.millis(), onlyExpired);
    map.computeIfPresent(key, delete);
    if (delete.expired() != null) {
      expiredCount.incrementAndGet();
      fire(key, delete.expired(), RemovalCause.EXPIRED);
    }
    return delete.deleted();
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionRecord> found = new ArrayList<>();
    long now = clock.millis();
    for (MemoryKey key : principals.candidates(principal)) {
      byte[] packed = live(policy.getIfPresentQuietly(key), now);
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
   * scheduler (which removes each within about two seconds of its deadline). Tests that move the
   * clock call it; production code need not.
   *
   * @return how many sessions expired while it ran
   */
  @Override
  public long sweepExpired() {
    long before = expiredCount.get();
    cache.cleanUp();
    // The cache expires an entry at the end of its deadline's slot; those between their deadline
    // and that are removed here.
    long now = clock.millis();
    for (MemoryKey holder : map.values()) {
      byte[] packed = holder.bytes();
      if (packed != null && now >= Packed.expiresAt(packed)) {
        remove(holder, null, true);
      }
    }
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
            (key, holder) -> {
              byte[] packed = live(holder, now);
              if (packed != null) {
                live.add(Packed.toRecord(key.toSessionKey(), packed));
              }
            });
        snapshot.write(live);
        LOG.log(
            System.Logger.Level.INFO,
            "Saved " + live.size() + " sessions to " + snapshot.path() + " for the next start");
      }
    } finally {
      // Killed first, so that a write racing the close cannot report success.
      map.values().forEach(MemoryKey::kill);
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
  private void onEviction(MemoryKey key, MemoryKey holder, RemovalCause cause) {
    if (cause == RemovalCause.EXPIRED) {
      expiredCount.incrementAndGet();
    }
    byte[] packed = holder == null ? null : holder.kill();
    if (key == null || packed == null) {
      return;
    }
    principals.move(key, Packed.principal(packed), null);
    fire(key, packed, cause);
  }

  /** Hands an event to the executor, so that the listener runs outside the cache's locks. */
  private void fire(MemoryKey key, byte[] packed, RemovalCause cause) {
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
