package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.Settings;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.spi.StoreFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
 * SessionStoreException} within the {@linkplain Builder#timeout(Duration) timeout}. A record that
 * cannot be decoded is treated as missing and removed.
 *
 * <p>With the optional {@linkplain Builder#nearCache(long, Duration) near cache}, loads of sessions
 * this node read recently are answered from memory and Redis pushes their invalidation.
 */
public final class RedisSessionStore
    implements SessionStore, PrincipalSessions, SessionInventory, SessionRenewal {

  /** The default bound on every call: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The default longest time the {@linkplain Builder#nearCache(long) near cache} keeps a session
   * without reading it again, whatever Redis pushes or fails to push: 1 second.
   */
  public static final Duration DEFAULT_NEAR_CACHE_MAXIMUM_AGE = Duration.ofSeconds(1);

  /** The default prefix of the keys of the {@linkplain Builder#expressLayout express layout}. */
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

  private RedisSessionStore(
      RedisConnector connector,
      SessionHashLayout layout,
      Clock clock,
      Duration timeout,
      KeyspaceExpiry expiry,
      NearCache near) {
    this.connector = connector;
    this.layout = layout;
    this.index = new PrincipalIndex(layout, timeout);
    this.cap = new PrincipalCap(index, layout, timeout);
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
  public static Builder builder() {
    return new Builder();
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
    forget(delta.key());
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
    Objects.requireNonNull(principal, "principal");
    return index.find(calls("findByPrincipal"), principal, clock.instant());
  }

  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(newcomer, "newcomer");
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
    Objects.requireNonNull(principal, "principal");
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

  /**
   * Settings of a {@link RedisSessionStore}, and the factory the engine builds it with. Give
   * exactly one way to reach Redis: {@link #uri}, {@link #clusterUris}, a {@code client} or a
   * {@code connection}. Each setting may be given once; {@link #create} checks them, applies the
   * defaults and may be called again. Not thread-safe; the stores it builds are.
   *
   * <pre>{@code
   * SessionManager sessions =
   *     SessionManager.create(config, RedisSessionStore.builder().uri("redis://localhost:6379"));
   * }</pre>
   */
  public static final class Builder implements StoreFactory {

    private String source;
    private Function<Duration, RedisConnector> connector;
    private String keyPrefix;
    private Duration timeout;
    private Boolean expiryEvents;
    private Long nearCacheSize;
    private Duration nearCacheAge;

    private Builder() {}

    /**
     * Connects to one server ({@code redis://}, {@code rediss://}) or through Sentinel ({@code
     * redis-sentinel://host:26379,host2:26379/0#mymaster}); the store owns the client and closes
     * it.
     *
     * @param uri a Lettuce Redis URI, parsed by {@link #create}
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis, or a URI, was already given
     * @throws NullPointerException if {@code uri} is null
     */
    public Builder uri(String uri) {
      return source("uri", uri, t -> RedisConnector.forUri(uri, t));
    }

    /**
     * Connects to a Redis Cluster through any of its nodes ({@code redis://host:7000}, …); the
     * store owns the client, follows the topology and closes it.
     *
     * @param seedUris URIs of one or more cluster nodes
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis was already given
     * @throws NullPointerException if {@code seedUris} or one of them is null
     */
    public Builder clusterUris(String... seedUris) {
      List<String> seeds =
          Arrays.stream(Objects.requireNonNull(seedUris, "clusterUris"))
              .map(seed -> Objects.requireNonNull(seed, "clusterUris"))
              .toList();
      return source("clusterUris", seeds, t -> RedisConnector.forCluster(seeds, t));
    }

    /**
     * Uses the application's client: the store opens a connection from it (to the client's default
     * URI) and closes only that connection.
     *
     * @param client a client created with a URI
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis was already given
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(RedisClient client) {
      return source("client", client, t -> RedisConnector.forClient(client));
    }

    /**
     * Uses the application's Cluster client: the store opens a connection from it and closes only
     * that connection.
     *
     * @param client a Cluster client
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis was already given
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(RedisClusterClient client) {
      return source("client", client, t -> RedisConnector.forClient(client));
    }

    /**
     * Uses the application's connection (UTF-8 string codec), which the store never closes. Its
     * options stay the application's; the store still bounds each call by {@link #timeout}.
     *
     * @param connection an open connection
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis was already given
     * @throws NullPointerException if {@code connection} is null
     */
    public Builder connection(StatefulRedisConnection<String, String> connection) {
      return source("connection", connection, t -> RedisConnector.forConnection(connection));
    }

    /**
     * Uses the application's Cluster connection (UTF-8 string codec), which the store never closes.
     *
     * @param connection an open Cluster connection
     * @return this builder
     * @throws IllegalStateException if another way to reach Redis was already given
     * @throws NullPointerException if {@code connection} is null
     */
    public Builder connection(StatefulRedisClusterConnection<String, String> connection) {
      return source("connection", connection, t -> RedisConnector.forConnection(connection));
    }

    /**
     * Sets the prefix of every key, so that applications sharing a Redis do not collide and one
     * application's sessions can be cleared alone. Default {@link #DEFAULT_KEY_PREFIX}.
     *
     * @param keyPrefix the prefix, without braces (the store owns Cluster hash tags)
     * @return this builder
     * @throws IllegalStateException if the key prefix was already set
     * @throws NullPointerException if {@code keyPrefix} is null
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Settings.once(this.keyPrefix, keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Bounds every store call, including connecting: past it the call throws {@link
     * dev.sessionkit.SessionStoreTimeoutException}. Default {@link #DEFAULT_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalStateException if the timeout was already set
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Settings.once(this.timeout, timeout, "timeout");
      return this;
    }

    /**
     * Turns expiry events on or off (default off). When on, the store subscribes to Redis keyspace
     * notifications and tells the engine's {@link dev.sessionkit.SessionListener#expired} about
     * sessions Redis expired. Best effort: the server must be configured with {@code
     * notify-keyspace-events Ex} (the store never runs CONFIG); an event comes when Redis removes
     * the key (10 s or more after the session's deadline, up to a quarter of the session's last
     * remaining life later) and carries no principal; events sent while the store is disconnected
     * are lost, and if Redis cannot be reached when the store is built, a warning is logged and no
     * events come. Needs a way to reach Redis that can open a second connection: {@link #uri},
     * {@link #clusterUris} or {@code client}.
     *
     * @param enabled whether to subscribe
     * @return this builder
     * @throws IllegalStateException if expiry events were already set
     */
    public Builder expiryEvents(boolean enabled) {
      this.expiryEvents = Settings.once(this.expiryEvents, enabled, "expiryEvents");
      return this;
    }

    /**
     * Keeps up to {@code maximumSize} recently loaded sessions in this process, for at most {@link
     * #DEFAULT_NEAR_CACHE_MAXIMUM_AGE}: the same as {@link #nearCache(long, Duration)} with that
     * age.
     *
     * @param maximumSize how many sessions to keep, at least 1
     * @return this builder
     * @throws IllegalStateException if the near cache was already set
     */
    public Builder nearCache(long maximumSize) {
      return nearCache(maximumSize, DEFAULT_NEAR_CACHE_MAXIMUM_AGE);
    }

    /**
     * Turns the near cache on: a load of a session this node loaded recently is answered from
     * memory, without a command to Redis. Redis server-assisted client-side caching ({@code CLIENT
     * TRACKING} over RESP3, on a connection of the cache's own) tells the cache when any client
     * changes or deletes a kept session, or Redis expires or evicts it; this node's own writes drop
     * their session at once. A kept session is read again after {@code maximumAge} by the engine's
     * clock even if no invalidation came, and everything is dropped whenever the cache's connection
     * drops or reconnects. Expiry is still judged on every load by the engine's clock. Needs Redis
     * 6 or later, and {@link #uri} (standalone or Sentinel) or {@link #client(RedisClient)}; Redis
     * Cluster is refused (see the store's documentation). Off by default.
     *
     * @param maximumSize how many sessions to keep, at least 1; each costs about its attributes'
     *     size plus a few hundred bytes
     * @param maximumAge how long at most a session is kept without reading it again; positive
     * @return this builder
     * @throws IllegalStateException if the near cache was already set
     * @throws NullPointerException if {@code maximumAge} is null
     */
    public Builder nearCache(long maximumSize, Duration maximumAge) {
      Objects.requireNonNull(maximumAge, "maximumAge");
      this.nearCacheSize = Settings.once(this.nearCacheSize, maximumSize, "nearCache");
      this.nearCacheAge = maximumAge;
      return this;
    }

    /**
     * Checks the settings and builds a store on the engine's clock, reporting expiry events to its
     * listener. A store that opens its own connection tries to open it now, within the timeout, so
     * that the first request does not pay for it; if Redis cannot be reached, the store is built
     * anyway and connects at a later call, so that it can be built while Redis is down.
     *
     * @param context the engine's clock and listener
     * @return the store, which the caller closes
     * @throws IllegalStateException if no way to reach Redis was given, expiry events were combined
     *     with a connection, or the near cache with a connection, Redis Cluster or a client set to
     *     RESP2
     * @throws IllegalArgumentException if the timeout is not positive, the key prefix holds a
     *     brace, a URI is not a Redis URI, no Cluster URI was given, or the near cache's size or
     *     age is not positive
     * @throws NullPointerException if {@code context} is null
     */
    @Override
    public RedisSessionStore create(StoreContext context) {
      Objects.requireNonNull(context, "context");
      if (connector == null) {
        throw new IllegalStateException(
            "no Redis to use: set one of uri, clusterUris, client or connection");
      }
      boolean events = Settings.orDefault(expiryEvents, false);
      if (events && source.equals("connection")) {
        throw new IllegalStateException(
            "expiryEvents cannot be combined with connection: it opens a pub/sub connection of"
                + " its own; give uri, clusterUris or client instead");
      }
      Duration t =
          Settings.requirePositive(Settings.orDefault(timeout, DEFAULT_TIMEOUT), "timeout");
      SessionHashLayout layout =
          new SessionHashLayout(Settings.orDefault(keyPrefix, DEFAULT_KEY_PREFIX));
      if (nearCacheSize != null) {
        NearCache.checkSettings(source, nearCacheSize, nearCacheAge);
      }
      RedisConnector opened = connector.apply(t);
      if (nearCacheSize != null) {
        NearCache.checkClient(opened.client());
      }
      opened.tryConnect(t);
      KeyspaceExpiry expiry =
          events ? KeyspaceExpiry.startOrWarn(opened.client(), layout, t, context) : null;
      NearCache near =
          nearCacheSize == null
              ? null
              : new NearCache(
                      nearCacheSize,
                      nearCacheAge,
                      context.clock(),
                      (RedisClient) opened.client(),
                      layout,
                      t)
                  .start();
      return new RedisSessionStore(opened, layout, context.clock(), t, expiry, near);
    }

    /**
     * Returns a factory for a store in connect-redis's layout, with this builder's way to reach
     * Redis, timeout and key prefix (default {@link #EXPRESS_KEY_PREFIX}), so that a Node
     * application using express-session with connect-redis shares the sessions: each session is a
     * string key {@code sess:<id>} holding express-session's JSON (attribute values as plain JSON,
     * {@code cookie}, and SessionKit's own {@code sessionkit} member), with a TTL that ends at
     * {@code cookie.expires}. Deltas and touches are merged into the JSON atomically by a Lua
     * script; members the other side wrote are kept, and a deleted session is never written again.
     *
     * <p><b>Keys hold raw session ids</b>, because Node looks records up by them: anyone who can
     * read the Redis keys can use the sessions. Use it with {@code
     * SessionConfigBuilder.cookieFormat(CookieFormat.EXPRESS)} for the time Node and Java share
     * sessions, then go back to the default layout (docs/express-session.md). The principal index,
     * the inventory, expiry events and the near cache are not available in this layout.
     *
     * @return the factory to give to {@code SessionManager.create}
     * @throws IllegalStateException (from the factory) as {@link #create} does, or when expiry
     *     events were asked for
     */
    public StoreFactory expressLayout() {
      return context -> {
        Objects.requireNonNull(context, "context");
        if (connector == null) {
          throw new IllegalStateException(
              "no Redis to use: set one of uri, clusterUris, client or connection");
        }
        if (Settings.orDefault(expiryEvents, false)) {
          throw new IllegalStateException(
              "expiryEvents cannot be combined with expressLayout: connect-redis records carry no"
                  + " principal index nor expiry events");
        }
        if (nearCacheSize != null) {
          throw new IllegalStateException(
              "nearCache cannot be combined with expressLayout: Node writes these records without"
                  + " telling the cache");
        }
        Duration t =
            Settings.requirePositive(Settings.orDefault(timeout, DEFAULT_TIMEOUT), "timeout");
        RedisConnector opened = connector.apply(t);
        opened.tryConnect(t);
        return new ExpressRedisStore(
            opened, Settings.orDefault(keyPrefix, EXPRESS_KEY_PREFIX), context.clock(), t);
      };
    }

    /**
     * Records the one way to reach Redis; a second way is an error naming both, the same way twice
     * an error naming it.
     */
    private Builder source(String name, Object value, Function<Duration, RedisConnector> opener) {
      if (source != null && !source.equals(name)) {
        throw new IllegalStateException(
            name + " cannot be combined with " + source + ": give one way to reach Redis");
      }
      Settings.once(source, value, name);
      source = name;
      connector = opener;
      return this;
    }
  }
}
