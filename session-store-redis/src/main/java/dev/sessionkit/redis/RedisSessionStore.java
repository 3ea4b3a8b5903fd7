package dev.sessionkit.redis;

import dev.sessionkit.ExpiryEvents;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.SessionStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sessions in Redis (standalone, Sentinel or Cluster) through Lettuce: one hash per session that
 * expires by its own TTL, one round trip per load, apply, touch and delete. Thread-safe; build it
 * with {@link #builder()}.
 *
 * <p>Liveness is decided by the store's clock, inside Lua scripts, so a delta or touch for a
 * session deleted or expired meanwhile writes nothing. Every call returns or throws {@link
 * SessionStoreException} within the {@linkplain RedisSessionStoreBuilder#timeout(Duration)
 * timeout}. A record that cannot be decoded is treated as missing and removed.
 *
 * <p>Each principal has an index set in its own Cluster slot, written in a round trip of its own:
 * before a session joins it (so a failure leaves a stale member, never a missing one) and after a
 * session leaves it. Stale members are pruned whenever the index is read.
 */
public final class RedisSessionStore implements SessionStore, ExpiryEvents {

  /** The default bound on every call: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** The default prefix of every key the store writes: {@code "sessionkit:"}. */
  public static final String DEFAULT_KEY_PREFIX = "sessionkit:";

  /** How long past the timeout an index member waits for its record before it can be pruned. */
  private static final Duration INDEX_GRACE = Duration.ofMinutes(1);

  private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

  private final RedisConnector connector;
  private final RedisLayout layout;
  private final Clock clock;
  private final Duration timeout;
  private final boolean expiryEvents;
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private KeyspaceExpiry expiry;

  RedisSessionStore(
      RedisConnector connector,
      RedisLayout layout,
      Clock clock,
      Duration timeout,
      boolean expiryEvents) {
    this.connector = connector;
    this.layout = layout;
    this.clock = clock;
    this.timeout = timeout;
    this.expiryEvents = expiryEvents;
  }

  /**
   * Starts building a store.
   *
   * @return a builder with every setting at its default
   */
  public static RedisSessionStoreBuilder builder() {
    return new RedisSessionStoreBuilder();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    RedisCalls calls = calls("load " + key);
    RedisLayout.Loaded loaded = calls.await(layout.load(calls, key, clock.instant()));
    if (loaded.corrupt()) {
      LOG.log(System.Logger.Level.WARNING, "removing unreadable session record {0}", key);
      try {
        calls.await(layout.remove(calls, key));
      } catch (SessionStoreException e) {
        LOG.log(System.Logger.Level.DEBUG, "could not remove unreadable record " + key, e);
      }
    }
    return loaded.record();
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    RedisCalls calls = calls("create " + record.key());
    Instant now = clock.instant();
    Instant indexUntil = indexHorizon(now, record.expiresAt());
    if (record.principal() != null && record.expiresAt().isAfter(now)) {
      calls.await(
          layout.indexAdd(
              calls, record.principal(), record.key(), now, Duration.between(now, indexUntil)));
    }
    calls.await(layout.create(calls, record, now, indexUntil));
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    RedisCalls calls = calls("apply " + delta.key());
    Instant now = clock.instant();
    Instant indexUntil = indexHorizon(now, delta.expiresAt());
    boolean joins = delta.principalChanged() && delta.principal() != null;
    if (joins && delta.expiresAt().isAfter(now)) {
      calls.await(
          layout.indexAdd(
              calls, delta.principal(), delta.key(), now, Duration.between(now, indexUntil)));
    }
    RedisLayout.Written written = calls.await(layout.apply(calls, delta, now, indexUntil));
    if (!written.done()) {
      return false;
    }
    String before = written.principal();
    if (delta.principalChanged() && before != null && !before.equals(delta.principal())) {
      leaveIndex(calls, before, delta.key());
    }
    if (written.extendIndex()) {
      extendIndex(calls, before, delta.key(), now, indexUntil);
    }
    return true;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    RedisCalls calls = calls("touch " + key);
    Instant now = clock.instant();
    Instant indexUntil = indexHorizon(now, expiresAt);
    RedisLayout.Written written =
        calls.await(layout.touch(calls, key, lastAccessTime, expiresAt, now, indexUntil));
    if (written.done() && written.extendIndex()) {
      extendIndex(calls, written.principal(), key, now, indexUntil);
    }
    return written.done();
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    RedisCalls calls = calls("delete " + key);
    RedisLayout.Written written = calls.await(layout.delete(calls, key, clock.instant(), null));
    if (written.principal() != null) {
      leaveIndex(calls, written.principal(), key);
    }
    return written.done();
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    RedisCalls calls = calls("findByPrincipal");
    Instant now = clock.instant();
    Map<String, Instant> members = calls.await(layout.indexMembers(calls, principal));
    Map<String, CompletionStage<Boolean>> checks = new LinkedHashMap<>();
    for (String member : members.keySet()) {
      // sent together, answered together: one pipelined round trip for the whole index
      parseKey(member)
          .ifPresent(k -> checks.put(member, layout.belongsTo(calls, k, principal, now)));
    }
    Set<SessionKey> live = new HashSet<>();
    for (Map.Entry<String, CompletionStage<Boolean>> check : checks.entrySet()) {
      if (calls.await(check.getValue())) {
        live.add(new SessionKey(check.getKey()));
      }
    }
    List<String> stale = new ArrayList<>();
    members.forEach(
        (member, added) -> {
          if (!live.contains(parseKey(member).orElse(null)) && settled(added, now)) {
            stale.add(member);
          }
        });
    prune(calls, principal, stale);
    return Set.copyOf(live);
  }

  @Override
  public int deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    RedisCalls calls = calls("deleteByPrincipal");
    Instant now = clock.instant();
    Map<String, Instant> members = calls.await(layout.indexMembers(calls, principal));
    Map<String, CompletionStage<RedisLayout.Written>> deletes = new LinkedHashMap<>();
    for (String member : members.keySet()) {
      parseKey(member).ifPresent(k -> deletes.put(member, layout.delete(calls, k, now, principal)));
    }
    int deleted = 0;
    Set<String> gone = new HashSet<>();
    for (Map.Entry<String, CompletionStage<RedisLayout.Written>> delete : deletes.entrySet()) {
      if (calls.await(delete.getValue()).done()) {
        deleted++;
        gone.add(delete.getKey());
      }
    }
    members.forEach(
        (member, added) -> {
          if (!deletes.containsKey(member) || settled(added, now)) {
            gone.add(member);
          }
        });
    prune(calls, principal, gone);
    return deleted;
  }

  /**
   * Whether an index member was added long enough ago that a missing record means the session is
   * gone, rather than a session being created right now (its member is added just before it is
   * written, and must not be pruned in between).
   */
  private boolean settled(Instant added, Instant now) {
    return added.plus(timeout).plus(INDEX_GRACE).isBefore(now);
  }

  /**
   * Adds a listener for sessions that Redis expired, when {@link
   * RedisSessionStoreBuilder#expiryEvents(boolean) expiry events} are on; otherwise the listener is
   * never called. The first subscription opens the pub/sub connection; if Redis cannot be reached
   * then, a warning is logged and no events come.
   *
   * @param listener called on a Lettuce thread; must be quick
   */
  @Override
  public synchronized void subscribe(SessionListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    if (!expiryEvents) {
      LOG.log(
          System.Logger.Level.INFO,
          "Redis expiry events are off: listeners hear of no session that Redis expires;"
              + " turn them on with expiryEvents(true)");
      return;
    }
    if (expiry == null) {
      try {
        expiry = KeyspaceExpiry.start(connector.client(), layout, timeout, this::expired);
      } catch (SessionStoreException e) {
        LOG.log(System.Logger.Level.WARNING, "no Redis expiry events for this store", e);
      }
    }
  }

  private void expired(SessionKey key) {
    SessionEvent event = new SessionEvent(key, Optional.empty(), clock.instant());
    for (SessionListener listener : listeners) {
      try {
        listener.expired(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a session listener failed on " + key, e);
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (expiry != null) {
        expiry.close();
        expiry = null;
      }
    }
    connector.close();
  }

  @Override
  public String toString() {
    return "RedisSessionStore[timeout=" + timeout + "]";
  }

  /** The layout, for tests in this package. */
  RedisLayout layout() {
    return layout;
  }

  private RedisCalls calls(String what) {
    long deadline = RedisCalls.deadline(timeout);
    return new RedisCalls(connector.commands(deadline, what), deadline, what);
  }

  /**
   * Until when a principal's index must live for a session that expires at {@code expiresAt}: one
   * more lifetime beyond it, so that a session touched now and then extends the index rarely.
   */
  private static Instant indexHorizon(Instant now, Instant expiresAt) {
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? expiresAt : expiresAt.plus(left);
  }

  private void extendIndex(
      RedisCalls calls, String principal, SessionKey key, Instant now, Instant indexUntil) {
    try {
      calls.await(layout.indexAdd(calls, principal, key, now, Duration.between(now, indexUntil)));
    } catch (SessionStoreException e) {
      // the session itself was written; the index keeps its older horizon
      LOG.log(System.Logger.Level.WARNING, "could not extend the principal index of " + key, e);
    }
  }

  private void leaveIndex(RedisCalls calls, String principal, SessionKey key) {
    prune(calls, principal, List.of(key.value()));
  }

  /** Removes index members; a failure only leaves them for the next read to prune. */
  private void prune(RedisCalls calls, String principal, Collection<String> members) {
    if (members.isEmpty()) {
      return;
    }
    try {
      calls.await(layout.indexRemove(calls, principal, members));
    } catch (SessionStoreException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not prune a principal index", e);
    }
  }

  private static Optional<SessionKey> parseKey(String member) {
    try {
      return Optional.of(new SessionKey(member));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
