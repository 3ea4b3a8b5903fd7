package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions in Redis (standalone, Sentinel or Cluster) through Lettuce: one hash per session that
 * expires by its own TTL, one round trip per load, apply, touch and delete. Thread-safe; build it
 * with {@link #builder()}.
 *
 * <p>Each principal has an index of its sessions, so the store {@linkplain PrincipalSessions finds
 * and deletes a principal's sessions} with one read of the index and one pipelined round trip over
 * the sessions in it (no KEYS, no SCAN); members whose session has ended are pruned as it goes.
 *
 * <p>Liveness is decided by the engine's clock, inside Lua scripts, so a delta or touch for a
 * session deleted or expired meanwhile writes nothing. Every call returns or throws {@link
 * SessionStoreException} within the {@linkplain RedisStoreBuilder#timeout(Duration) timeout}. A
 * record that cannot be decoded is treated as missing and removed.
 *
 * <p>With the optional {@linkplain RedisStoreBuilder#nearCache(long, Duration) near cache}, loads
 * of sessions this node read recently are answered from memory and Redis pushes their invalidation.
 */
public final class RedisSessionStore
    implements SessionStore, PrincipalSessions, SessionInventory, SessionRenewal {

  /** The default bound on every call: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The default longest time the {@linkplain RedisStoreBuilder#nearCache(long) near cache} keeps a
   * session without reading it again, whatever Redis pushes or fails to push: 1 second, as on every
   * store.
   */
  public static final Duration DEFAULT_NEAR_CACHE_MAXIMUM_AGE = NearCacheCore.DEFAULT_MAXIMUM_AGE;

  /**
   * The default prefix of the keys of the {@linkplain RedisStoreBuilder#expressLayout express
   * layout}.
   */
  public static final String EXPRESS_KEY_PREFIX = "sess:";

  /** The default prefix of every key the store writes: {@code "sessionkit:"}. */
  public static final String DEFAULT_KEY_PREFIX = "sessionkit:";

  private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

  /** How often a renewal starts again from a record that changed under it before it gives up. */
  private static final int MAX_RENEW_ATTEMPTS = 8;

  private final RedisConnector connector;
  private final SessionHashLayout layout;
  private final PrincipalIndex index;
  private final PrincipalCap cap;
  private final RedisInventory inventory;
  private final Clock clock;
  private final Duration timeout;
  private final KeyspaceExpiry expiry;
  private final NearCache near;

  RedisSessionStore(
      RedisConnector connector,
      SessionHashLayout layout,
      Clock clock,
      Duration timeout,
      KeyspaceExpiry expiry,
      NearCache near) {
    this.connector = connector;
    this.layout = layout;
    this.index = new PrincipalIndex(layout, timeout);
    this.cap = new PrincipalCap(index, layout);
    this.inventory = new RedisInventory(layout);
    this.clock = clock;
    this.timeout = timeout;
    this.expiry = expiry;
    this.near = near;
  }

  /**
   * Starts building a store.
   *
   * @return a builder with no setting given
   */
  public static RedisStoreBuilder builder() {
    return new RedisStoreBuilder();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return near == null
        ? read(calls("load " + key), key)
        : near.load(key, calls -> read(calls, key), () -> calls("load " + key));
  }

  private Optional<SessionRecord> read(RedisCalls calls, SessionKey key) {
    SessionHashLayout.Loaded loaded = calls.await(layout.load(calls, key, clock.instant()));
    if (loaded.corrupt()) {
      LOG.log(System.Logger.Level.WARNING, "removing unreadable session record {0}", key);
      try {
        calls.await(layout.remove(calls, key));
      } catch (SessionStoreException e) {
        LOG.log(System.Logger.Level.DEBUG, "could not remove unreadable record " + key, e);
      }
    }
    if (loaded.record().isPresent() || loaded.corrupt()) {
      return loaded.record();
    }
    // No record: a renewed session's old key leads to the new one for its grace.
    Instant now = clock.instant();
    Optional<SessionKey> to = calls.await(layout.forward(calls, key, now));
    return to.isEmpty()
        ? Optional.empty()
        : calls.await(layout.load(calls, to.get(), now)).record();
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    create(calls("create " + record.key()), record, clock.instant());
  }

  private void create(RedisCalls calls, SessionRecord record, Instant now) {
    Instant indexUntil = PrincipalIndex.horizon(now, record.expiresAt());
    if (record.principal() != null && record.expiresAt().isAfter(now)) {
      index.join(calls, record.principal(), record.key(), now, indexUntil);
    }
    calls.await(layout.create(calls, record, now, indexUntil));
    forget(record.key());
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    RedisCalls calls = calls("apply " + delta.key());
    if (applyAt(calls, delta)) {
      return true;
    }
    Optional<SessionKey> to = calls.await(layout.forward(calls, delta.key(), clock.instant()));
    return to.isPresent() && applyAt(calls, delta.withKey(to.get()));
  }

  private boolean applyAt(RedisCalls calls, SessionDelta delta) {
    Instant now = clock.instant();
    Instant indexUntil = PrincipalIndex.horizon(now, delta.expiresAt());
    boolean joins = delta.principalChanged() && delta.principal() != null;
    if (joins && delta.expiresAt().isAfter(now)) {
      index.join(calls, delta.principal(), delta.key(), now, indexUntil);
    }
    SessionHashLayout.Written written = calls.await(layout.apply(calls, delta, now, indexUntil));
    if (near != null) {
      near.wrote(delta.key());
    }
    if (!written.done()) {
      return false;
    }
    String before = written.principal();
    if (delta.principalChanged() && before != null && !before.equals(delta.principal())) {
      index.leave(calls, before, delta.key());
    }
    if (written.extendIndex()) {
      index.extend(calls, before, delta.key(), now, indexUntil);
    }
    return true;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    RedisCalls calls = calls("touch " + key);
    if (touchAt(calls, key, lastAccessTime, expiresAt)) {
      return true;
    }
    Optional<SessionKey> to = calls.await(layout.forward(calls, key, clock.instant()));
    return to.isPresent() && touchAt(calls, to.get(), lastAccessTime, expiresAt);
  }

  private boolean touchAt(
      RedisCalls calls, SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Instant now = clock.instant();
    Instant indexUntil = PrincipalIndex.horizon(now, expiresAt);
    SessionHashLayout.Written written =
        calls.await(layout.touch(calls, key, lastAccessTime, expiresAt, now, indexUntil));
    forget(key);
    if (written.done() && written.extendIndex()) {
      index.extend(calls, written.principal(), key, now, indexUntil);
    }
    return written.done();
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    RedisCalls calls = calls("delete " + key);
    if (deleteAt(calls, key)) {
      return true;
    }
    Optional<SessionKey> to = calls.await(layout.forward(calls, key, clock.instant()));
    if (to.isEmpty()) {
      return false;
    }
    calls.await(layout.removeForward(calls, key));
    return deleteAt(calls, to.get());
  }

  private boolean deleteAt(RedisCalls calls, SessionKey key) {
    SessionHashLayout.Written written =
        calls.await(layout.delete(calls, key, clock.instant(), null));
    forget(key);
    if (written.principal() != null) {
      index.leave(calls, written.principal(), key);
    }
    return written.done();
  }

  /**
   * Moves a session to a new key in three steps, since in a Cluster the two keys live in different
   * slots and no one script can see both: read the old record with a fingerprint of its hash, write
   * the moved record under the new key (which nobody knows yet), then, in one script on the old
   * key's slot, end the old record and leave its forward only if the fingerprint still holds. A
   * write through the old key before that script changes the fingerprint and the move starts again
   * from it; one after it follows the forward to the new record. Four round trips, once per
   * renewal.
   */
  @Override
  public boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(graceUntil, "graceUntil");
    RedisCalls calls = calls("renew " + from);
    SessionKey to = delta.key();
    boolean written = false;
    for (int attempt = 0; attempt < MAX_RENEW_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      Optional<java.util.Map.Entry<String, SessionRecord>> read =
          calls.await(layout.renewRead(calls, from, now));
      if (read.isEmpty()) {
        if (written) {
          deleteAt(calls, to);
        }
        return false;
      }
      SessionRecord moved = read.get().getValue().withKey(to).apply(delta);
      create(calls, moved, now);
      written = true;
      long sealed =
          calls.await(layout.renewSeal(calls, from, read.get().getKey(), to, now, graceUntil));
      if (sealed == 1L) {
        forget(from);
        if (moved.principal() != null) {
          index.leave(calls, moved.principal(), from);
        }
        return true;
      }
      if (sealed == 0L) {
        deleteAt(calls, to);
        return false;
      }
    }
    // Changed on every attempt: a session this busy is renewed by a later request instead.
    deleteAt(calls, to);
    return false;
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    return index.find(calls("findByPrincipal"), principal, clock.instant());
  }

  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Admission admission =
        cap.admit(calls("admit"), principal, newcomer, limit, endOldest, clock.instant());
    forget(newcomer);
    admission.ended().forEach(ended -> forget(ended.key()));
    return admission;
  }

  /** Counts with a pass over the store's keys: not cheap, meant for admin tools. */
  @Override
  public long count() {
    return inventory.count(calls("count"), clock.instant());
  }

  /** Pages by session key, with a pass over the store's keys per page: meant for admin tools. */
  @Override
  public Page page(Optional<String> cursor, int limit) {
    Objects.requireNonNull(cursor, "cursor");
    return inventory.page(calls("page"), cursor, limit, clock.instant());
  }

  /** Deletes every key under the store's prefix: sessions and principal indexes. */
  @Override
  public long clear() {
    long cleared = inventory.clear(calls("clear"));
    if (near != null) {
      near.forgetAll();
    }
    return cleared;
  }

  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    List<SessionKey> deleted =
        index.deleteAll(calls("deleteByPrincipal"), principal, clock.instant());
    deleted.forEach(this::forget);
    return deleted;
  }

  /**
   * Closes the expiry subscription and whatever connection, client and resources the store opened;
   * never the application's own client or connection.
   *
   * @throws SessionStoreException when closing fails
   */
  @Override
  public void close() {
    if (near != null) {
      near.close();
    }
    if (expiry != null) {
      expiry.close();
    }
    connector.close();
  }

  @Override
  public String toString() {
    return "RedisSessionStore[prefix=" + layout.prefix() + ", timeout=" + timeout + "]";
  }

  /** The key layout, for tests in this package. */
  SessionHashLayout layout() {
    return layout;
  }

  /** The near cache, or null; for tests in this package. */
  NearCache nearCache() {
    return near;
  }

  /** Drops what the near cache kept of a session this node has just written. */
  private void forget(SessionKey key) {
    if (near != null) {
      near.forget(key);
    }
  }

  private RedisCalls calls(String what) {
    long deadline = RedisCalls.deadline(timeout);
    return new RedisCalls(connector.commands(deadline, what), deadline, what);
  }
}
