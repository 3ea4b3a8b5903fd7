package dev.sessionkit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link RedisSessionStore}, validated by {@link #build()}. Give exactly one way to
 * reach Redis: a URI, Cluster seed URIs, a client or a connection. Not thread-safe; the store it
 * builds is.
 *
 * <pre>{@code
 * SessionStore store = RedisSessionStore.builder().uri("redis://localhost:6379").build();
 * }</pre>
 */
public final class RedisSessionStoreBuilder {

  /** How long Redis keeps a record past its deadline, in seconds. */
  static final long TTL_SLACK_SECONDS = 10;

  private String source;
  private RedisConnectorFactory connector;
  private String keyPrefix;
  private Clock clock;
  private Duration timeout;
  private boolean expiryEvents;

  RedisSessionStoreBuilder() {}

  /** Makes the connector once the timeout is known. */
  private interface RedisConnectorFactory {
    RedisConnector open(Duration timeout);
  }

  /**
   * Connects to one server ({@code redis://}, {@code rediss://}) or through Sentinel ({@code
   * redis-sentinel://host:26379,host2:26379/0#mymaster}); the store owns the client and closes it.
   *
   * @param uri a Lettuce Redis URI
   * @return this builder
   */
  public RedisSessionStoreBuilder uri(String uri) {
    Objects.requireNonNull(uri, "uri");
    return source("uri", t -> RedisConnector.forUri(uri, t));
  }

  /**
   * Connects to a Redis Cluster through any of its nodes ({@code redis://host:7000}, …); the store
   * owns the client, follows the topology and closes it.
   *
   * @param seedUris URIs of one or more cluster nodes
   * @return this builder
   * @throws IllegalArgumentException if no URI is given
   */
  public RedisSessionStoreBuilder clusterUris(String... seedUris) {
    List<String> seeds = List.of(seedUris);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("clusterUris needs at least one URI");
    }
    return source("clusterUris", t -> RedisConnector.forCluster(seeds, t));
  }

  /**
   * Uses the application's client: the store opens a connection from it (to the client's default
   * URI) and closes only that connection.
   *
   * @param client a client created with a URI
   * @return this builder
   */
  public RedisSessionStoreBuilder client(RedisClient client) {
    Objects.requireNonNull(client, "client");
    return source("client", t -> RedisConnector.forClient(client));
  }

  /**
   * Uses the application's Cluster client: the store opens a connection from it and closes only
   * that connection.
   *
   * @param client a Cluster client
   * @return this builder
   */
  public RedisSessionStoreBuilder client(RedisClusterClient client) {
    Objects.requireNonNull(client, "client");
    return source("client", t -> RedisConnector.forClient(client));
  }

  /**
   * Uses the application's connection (UTF-8 string codec), which the store never closes. Its
   * options stay the application's; the store still bounds each call by {@link #timeout}.
   *
   * @param connection an open connection
   * @return this builder
   */
  public RedisSessionStoreBuilder connection(StatefulRedisConnection<String, String> connection) {
    Objects.requireNonNull(connection, "connection");
    return source("connection", t -> RedisConnector.forConnection(connection));
  }

  /**
   * Uses the application's Cluster connection (UTF-8 string codec), which the store never closes.
   *
   * @param connection an open Cluster connection
   * @return this builder
   */
  public RedisSessionStoreBuilder connection(
      StatefulRedisClusterConnection<String, String> connection) {
    Objects.requireNonNull(connection, "connection");
    return source("connection", t -> RedisConnector.forConnection(connection));
  }

  /**
   * Sets the prefix of every key, so that applications sharing a Redis do not collide and one
   * application's sessions can be cleared alone. Default {@link
   * RedisSessionStore#DEFAULT_KEY_PREFIX}.
   *
   * @param keyPrefix the prefix, without braces (the store owns Cluster hash tags)
   * @return this builder
   * @throws IllegalArgumentException if the prefix holds '{' or '}'
   */
  public RedisSessionStoreBuilder keyPrefix(String keyPrefix) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException(
          "keyPrefix must not contain '{' or '}', which would move every key into one Cluster"
              + " slot: "
              + keyPrefix);
    }
    requireUnset(this.keyPrefix, "keyPrefix");
    this.keyPrefix = keyPrefix;
    return this;
  }

  /**
   * Sets the clock that decides expiry and TTLs. Default {@link Clock#systemUTC()}.
   *
   * @param clock the clock
   * @return this builder
   */
  public RedisSessionStoreBuilder clock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    requireUnset(this.clock, "clock");
    this.clock = clock;
    return this;
  }

  /**
   * Bounds every store call, including connecting: past it the call throws {@link
   * dev.sessionkit.SessionStoreTimeoutException}. Default {@link
   * RedisSessionStore#DEFAULT_TIMEOUT}.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public RedisSessionStoreBuilder timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    requireUnset(this.timeout, "timeout");
    this.timeout = timeout;
    return this;
  }

  /**
   * Turns on expiry events: the store subscribes to Redis keyspace notifications and tells the
   * engine's {@link dev.sessionkit.SessionListener#expired} about sessions Redis expired. Best
   * effort, and off by default: the server must be configured with {@code notify-keyspace-events
   * Ex} (the store never runs CONFIG), an event comes when Redis removes the key (10 s or more
   * after the session's deadline), it carries no principal, and events sent while the store is
   * disconnected are lost. Needs a way to reach Redis that can open a second connection: {@link
   * #uri}, {@link #clusterUris} or {@code client}.
   *
   * @param enabled whether to subscribe
   * @return this builder
   */
  public RedisSessionStoreBuilder expiryEvents(boolean enabled) {
    this.expiryEvents = enabled;
    return this;
  }

  /**
   * Builds the store. A store that opens its own connection tries to open it now, within the
   * timeout, so that the first request does not pay for it; if Redis cannot be reached, the store
   * is built anyway and connects at a later call, so that it can be built while Redis is down.
   *
   * @return the store
   * @throws IllegalStateException if no way to reach Redis was given
   */
  public RedisSessionStore build() {
    if (connector == null) {
      throw new IllegalStateException(
          "no Redis to use: set one of uri, clusterUris, client or connection");
    }
    if (expiryEvents && "connection".equals(source)) {
      throw new IllegalStateException(
          "expiryEvents cannot be combined with connection: it opens a pub/sub connection of its"
              + " own; give uri, clusterUris or client instead");
    }
    Duration t = timeout == null ? RedisSessionStore.DEFAULT_TIMEOUT : timeout;
    String prefix = keyPrefix == null ? RedisSessionStore.DEFAULT_KEY_PREFIX : keyPrefix;
    RedisConnector opened = connector.open(t);
    opened.tryConnect(t);
    return new RedisSessionStore(
        opened,
        new SessionKitLayout(prefix),
        clock == null ? Clock.systemUTC() : clock,
        t,
        expiryEvents);
  }

  private RedisSessionStoreBuilder source(String name, RedisConnectorFactory factory) {
    if (source != null) {
      throw new IllegalStateException(
          name + " cannot be combined with " + source + ": give one way to reach Redis");
    }
    source = name;
    connector = factory;
    return this;
  }

  private static void requireUnset(Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }
}
