package dev.sessionkit.redis;

import dev.sessionkit.spi.Settings;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.spi.StoreFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link RedisSessionStore}, and the factory the engine builds it with. Give exactly
 * one way to reach Redis: {@link #uri}, {@link #clusterUris}, a {@code client} or a {@code
 * connection}. Each setting may be given once; {@link #create} checks them, applies the defaults
 * and may be called again. Not thread-safe; the stores it builds are.
 *
 * <pre>{@code
 * SessionManager sessions =
 *     SessionManager.create(config, RedisSessionStore.builder().uri("redis://localhost:6379"));
 * }</pre>
 */
public final class RedisStoreBuilder implements StoreFactory {

  private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

  /** The way to reach Redis given, or null; what it holds is typed (a RedisURI, a client…). */
  private RedisSource source;

  private String keyPrefix;
  private Duration timeout;
  private Boolean expiryEvents;
  private Long nearCacheSize;
  private Duration nearCacheAge;

  RedisStoreBuilder() {}

  /**
   * Connects to one server ({@code redis://}, {@code rediss://}) or through Sentinel ({@code
   * redis-sentinel://host:26379,host2:26379/0#mymaster}); the store owns the client and closes it.
   *
   * @param uri a Lettuce Redis URI
   * @return this builder
   * @throws IllegalStateException if another way to reach Redis, or a URI, was already given
   * @throws IllegalArgumentException if {@code uri} is not a Redis URI (the message leaves the URI
   *     out, since it may hold a password)
   * @throws NullPointerException if {@code uri} is null
   */
  public RedisStoreBuilder uri(String uri) {
    return source(
        new RedisSource.Uri(RedisSource.parse(Objects.requireNonNull(uri, "uri"), "uri")));
  }

  /**
   * Connects to a Redis Cluster through any of its nodes ({@code redis://host:7000}, …); the store
   * owns the client, follows the topology and closes it.
   *
   * @param seedUris URIs of one or more cluster nodes (at least one, checked by {@link #create})
   * @return this builder
   * @throws IllegalStateException if another way to reach Redis was already given
   * @throws IllegalArgumentException if a seed is not a Redis URI
   * @throws NullPointerException if {@code seedUris} or one of them is null
   */
  public RedisStoreBuilder clusterUris(String... seedUris) {
    List<RedisURI> seeds =
        Arrays.stream(Objects.requireNonNull(seedUris, "clusterUris"))
            .map(
                seed ->
                    RedisSource.parse(Objects.requireNonNull(seed, "clusterUris"), "clusterUris"))
            .toList();
    return source(new RedisSource.ClusterUris(seeds));
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
  public RedisStoreBuilder client(RedisClient client) {
    return source(new RedisSource.Client(Objects.requireNonNull(client, "client")));
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
  public RedisStoreBuilder client(RedisClusterClient client) {
    return source(new RedisSource.Client(Objects.requireNonNull(client, "client")));
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
  public RedisStoreBuilder connection(StatefulRedisConnection<String, String> connection) {
    return source(new RedisSource.Connection(Objects.requireNonNull(connection, "connection")));
  }

  /**
   * Uses the application's Cluster connection (UTF-8 string codec), which the store never closes.
   *
   * @param connection an open Cluster connection
   * @return this builder
   * @throws IllegalStateException if another way to reach Redis was already given
   * @throws NullPointerException if {@code connection} is null
   */
  public RedisStoreBuilder connection(StatefulRedisClusterConnection<String, String> connection) {
    return source(new RedisSource.Connection(Objects.requireNonNull(connection, "connection")));
  }

  /**
   * Sets the prefix of every key, so that applications sharing a Redis do not collide and one
   * application's sessions can be cleared alone. Default {@link
   * RedisSessionStore#DEFAULT_KEY_PREFIX}.
   *
   * @param keyPrefix the prefix, without braces (the store owns Cluster hash tags)
   * @return this builder
   * @throws IllegalStateException if the key prefix was already set
   * @throws NullPointerException if {@code keyPrefix} is null
   */
  public RedisStoreBuilder keyPrefix(String keyPrefix) {
    this.keyPrefix = Settings.once(this.keyPrefix, keyPrefix, "keyPrefix");
    return this;
  }

  /**
   * Bounds every store call, including connecting: past it the call throws {@link
   * dev.sessionkit.SessionStoreTimeoutException}. Default {@link
   * RedisSessionStore#DEFAULT_TIMEOUT}.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalStateException if the timeout was already set
   * @throws NullPointerException if {@code timeout} is null
   */
  public RedisStoreBuilder timeout(Duration timeout) {
    this.timeout = Settings.once(this.timeout, timeout, "timeout");
    return this;
  }

  /**
   * Turns expiry events on or off (default off). When on, the store subscribes to Redis keyspace
   * notifications and tells the engine's {@link dev.sessionkit.SessionListener#expired} about
   * sessions Redis expired. Best effort: the server must be configured with {@code
   * notify-keyspace-events Ex} (the store never runs CONFIG); an event comes when Redis removes the
   * key (10 s or more after the session's deadline, up to a quarter of the session's last remaining
   * life later) and carries no principal; events sent while the store is disconnected are lost, and
   * if Redis cannot be reached when the store is built, a warning is logged and no events come.
   * Needs a way to reach Redis that can open a second connection: {@link #uri}, {@link
   * #clusterUris} or {@code client}.
   *
   * @param enabled whether to subscribe
   * @return this builder
   * @throws IllegalStateException if expiry events were already set
   */
  public RedisStoreBuilder expiryEvents(boolean enabled) {
    this.expiryEvents = Settings.once(this.expiryEvents, enabled, "expiryEvents");
    return this;
  }

  /**
   * Keeps up to {@code maximumSize} recently loaded sessions in this process, for at most {@link
   * RedisSessionStore#DEFAULT_NEAR_CACHE_MAXIMUM_AGE}: the same as {@link #nearCache(long,
   * Duration)} with that age.
   *
   * @param maximumSize how many sessions to keep, at least 1
   * @return this builder
   * @throws IllegalStateException if the near cache was already set
   */
  public RedisStoreBuilder nearCache(long maximumSize) {
    return nearCache(maximumSize, RedisSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE);
  }

  /**
   * Turns the near cache on: a load of a session this node loaded recently is answered from memory,
   * without a command to Redis. Redis server-assisted client-side caching ({@code CLIENT TRACKING}
   * over RESP3, on a connection of the cache's own) tells the cache when any client changes or
   * deletes a kept session, or Redis expires or evicts it; this node's own writes drop their
   * session at once. A kept session is read again after {@code maximumAge} by the engine's clock
   * even if no invalidation came, and everything is dropped whenever the cache's connection drops
   * or reconnects. Expiry is still judged on every load by the engine's clock. Needs Redis 6 or
   * later, and {@link #uri} (standalone or Sentinel) or {@link #client(RedisClient)}; Redis Cluster
   * is refused (see the store's documentation). Off by default.
   *
   * @param maximumSize how many sessions to keep, at least 1; each costs about its attributes' size
   *     plus a few hundred bytes
   * @param maximumAge how long at most a session is kept without reading it again; positive
   * @return this builder
   * @throws IllegalStateException if the near cache was already set
   * @throws NullPointerException if {@code maximumAge} is null
   */
  public RedisStoreBuilder nearCache(long maximumSize, Duration maximumAge) {
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
   * @throws IllegalArgumentException if the timeout is not positive, the key prefix holds a brace,
   *     a URI is not a Redis URI, no Cluster URI was given, or the near cache's size or age is not
   *     positive
   * @throws NullPointerException if {@code context} is null
   */
  @Override
  public RedisSessionStore create(StoreContext context) {
    Objects.requireNonNull(context, "context");
    requireSource();
    boolean events = Settings.orDefault(expiryEvents, false);
    if (events && source instanceof RedisSource.Connection) {
      throw new IllegalStateException(
          "expiryEvents cannot be combined with connection: it opens a pub/sub connection of"
              + " its own; give uri, clusterUris or client instead");
    }
    Duration t = checkedTimeout();
    SessionHashLayout layout =
        new SessionHashLayout(Settings.orDefault(keyPrefix, RedisSessionStore.DEFAULT_KEY_PREFIX));
    if (nearCacheSize != null) {
      NearCache.checkSettings(source, nearCacheSize, nearCacheAge);
    }
    RedisConnector opened = source.open(t);
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
   * Redis, timeout and key prefix (default {@link RedisSessionStore#EXPRESS_KEY_PREFIX}), so that a
   * Node application using express-session with connect-redis shares the sessions: each session is
   * a string key {@code sess:<id>} holding express-session's JSON (attribute values as plain JSON,
   * {@code cookie}, and SessionKit's own {@code sessionkit} member), with a TTL that ends at {@code
   * cookie.expires}. Deltas and touches are merged into the JSON atomically by a Lua script;
   * members the other side wrote are kept, and a deleted session is never written again.
   *
   * <p><b>Keys hold raw session ids</b>, because Node looks records up by them: anyone who can read
   * the Redis keys can use the sessions. Use it with {@code
   * SessionConfigBuilder.cookieFormat(CookieFormat.EXPRESS)} for the time Node and Java share
   * sessions, then go back to the default layout (docs/express-session.md). The principal index,
   * the inventory, expiry events and the near cache are not available in this layout.
   *
   * @return the factory to give to {@code SessionManager.create}
   * @throws IllegalStateException (from the factory) as {@link #create} does, or when expiry events
   *     were asked for
   */
  public StoreFactory expressLayout() {
    return context -> {
      Objects.requireNonNull(context, "context");
      requireSource();
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
      Duration t = checkedTimeout();
      String prefix = Settings.orDefault(keyPrefix, RedisSessionStore.EXPRESS_KEY_PREFIX);
      RedisConnector opened = source.open(t);
      opened.tryConnect(t);
      announceExpressLayout(prefix);
      return new ExpressRedisStore(opened, prefix, context.clock(), t);
    };
  }

  /** What an operator must know of this layout, once per store, at start. */
  private static void announceExpressLayout(String prefix) {
    if (!prefix.equals(RedisSessionStore.EXPRESS_KEY_PREFIX)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "keyPrefix \"{0}\" is not connect-redis''s default prefix \"{1}\": Node''s RedisStore"
              + " must be given prefix: \"{0}\", or the two sides will not find each other''s"
              + " sessions",
          prefix,
          RedisSessionStore.EXPRESS_KEY_PREFIX);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "expressLayout(): Redis keys {0}<id> hold raw session ids, as connect-redis needs;"
            + " whoever can read them can use the sessions (docs/express-session.md, Raw ids at"
            + " rest)",
        prefix);
  }

  private void requireSource() {
    if (source == null) {
      throw new IllegalStateException(
          "no Redis to use: set one of uri, clusterUris, client or connection");
    }
  }

  private Duration checkedTimeout() {
    return Settings.requirePositive(
        Settings.orDefault(timeout, RedisSessionStore.DEFAULT_TIMEOUT), "timeout");
  }

  /**
   * Records the one way to reach Redis; a second way is an error naming both, the same way twice an
   * error naming it.
   */
  private RedisStoreBuilder source(RedisSource given) {
    if (source != null && !source.setting().equals(given.setting())) {
      throw new IllegalStateException(
          given.setting()
              + " cannot be combined with "
              + source.setting()
              + ": give one way to reach Redis");
    }
    Settings.requireUnset(source, given.setting());
    source = given;
    return this;
  }
}
