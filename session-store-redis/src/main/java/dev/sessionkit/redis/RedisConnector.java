package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store's connection to Redis, and what it must close. A connection the application gave is
 * used as is and never closed; one the store opened is opened lazily (so a store built while Redis
 * is down starts working when it comes up) and closed with the store, as are a client and its
 * resources the store created. Thread-safe.
 */
final class RedisConnector implements AutoCloseable {

  /** Upper bound of the wait between reconnect attempts, so recovery follows Redis quickly. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(RedisConnector.class.getName());

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final Supplier<StatefulConnection<String, String>> opener;
  private final AbstractRedisClient client;
  private final AbstractRedisClient ownedClient;
  private final ClientResources ownedResources;
  private final StoreThreads ownedThreads;
  private final boolean ownsConnection;
  private final ReentrantLock connecting = new ReentrantLock();
  private volatile StatefulConnection<String, String> connection;
  private volatile RedisClusterAsyncCommands<String, String> commands;

  private RedisConnector(
      Supplier<StatefulConnection<String, String>> opener,
      AbstractRedisClient client,
      OwnedResources owned,
      StatefulConnection<String, String> given) {
    this.opener = opener;
    this.client = client;
    this.ownedClient = owned == null ? null : client;
    this.ownedResources = owned == null ? null : owned.resources();
    this.ownedThreads = owned == null ? null : owned.threads();
    this.ownsConnection = given == null;
    if (given != null) {
      this.connection = given;
      this.commands = asyncOf(given);
    }
  }

  /**
   * Connects to one server, or through Sentinel, with a client the store owns.
   *
   * @param uri a URI the builder parsed, which only the store holds; its timeout is set here
   */
  static RedisConnector forUri(RedisURI uri, Duration timeout) {
    RedisURI redisUri = uri;
    redisUri.setTimeout(timeout);
    OwnedResources resources = OwnedResources.create();
    RedisClient client = RedisClient.create(resources.resources(), redisUri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    return new RedisConnector(() -> client.connect(StringCodec.UTF8), client, resources, null);
  }

  /**
   * Connects to a Cluster from seed URIs, with a client the store owns.
   *
   * @throws IllegalArgumentException if there is no seed
   */
  static RedisConnector forCluster(List<RedisURI> seeds, Duration timeout) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("clusterUris needs at least one URI");
    }
    List<RedisURI> uris =
        seeds.stream()
            .map(
                seed -> {
                  seed.setTimeout(timeout);
                  return seed;
                })
            .toList();
    OwnedResources resources = OwnedResources.create();
    RedisClusterClient client = RedisClusterClient.create(resources.resources(), uris);
    client.setOptions(
        ClusterClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            // adaptive refresh (on MOVED, ASK, reconnects) is Lettuce's default; the periodic
            // refresh also notices a failover that no command has run into yet
            .topologyRefreshOptions(
                ClusterTopologyRefreshOptions.builder()
                    .enablePeriodicRefresh(Duration.ofMinutes(1))
                    .build())
            .build());
    return new RedisConnector(() -> client.connect(StringCodec.UTF8), client, resources, null);
  }

  /** Opens a connection from the application's client, which stays open after the store. */
  static RedisConnector forClient(RedisClient client) {
    return new RedisConnector(() -> client.connect(StringCodec.UTF8), client, null, null);
  }

  /** Opens a connection from the application's Cluster client. */
  static RedisConnector forClient(RedisClusterClient client) {
    return new RedisConnector(() -> client.connect(StringCodec.UTF8), client, null, null);
  }

  /** Uses the application's connection and never closes it. */
  static RedisConnector forConnection(StatefulConnection<String, String> connection) {
    return new RedisConnector(null, null, null, connection);
  }

  /** Resources the store creates for itself, with the threads they run on. */
  private record OwnedResources(ClientResources resources, StoreThreads threads) {
    static OwnedResources create() {
      StoreThreads threads = new StoreThreads();
      return new OwnedResources(
          ClientResources.builder()
              .threadFactoryProvider(threads)
              .reconnectDelay(
                  Delay.exponential(
                      Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
              .build(),
          threads);
    }
  }

  /** The client connections come from, or null when the application gave a connection. */
  AbstractRedisClient client() {
    return client;
  }

  /** Connects now if the connection is the store's to open; a failure is logged, not thrown. */
  void tryConnect(Duration timeout) {
    if (commands != null) {
      return;
    }
    try {
      commands(RedisCalls.deadline(timeout), "connect");
    } catch (SessionStoreException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Redis is not reachable yet; the session store will connect at its next call",
          e);
    }
  }

  /** The commands of the live connection, connecting first if need be, by the deadline. */
  RedisClusterAsyncCommands<String, String> commands(long deadlineNanos, String what) {
    RedisClusterAsyncCommands<String, String> current = commands;
    if (current != null) {
      return current;
    }
    try {
      if (!connecting.tryLock(
          Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new SessionStoreTimeoutException(what + ": Redis connection not ready in time", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreException(what + ": interrupted while connecting", e);
    }
    try {
      if (commands == null) {
        StatefulConnection<String, String> opened = opener.get();
        connection = opened;
        commands = asyncOf(opened);
      }
      return commands;
    } catch (RedisException e) {
      throw new SessionStoreException(what + ": cannot connect to Redis: " + e.getMessage(), e);
    } finally {
      connecting.unlock();
    }
  }

  private static RedisClusterAsyncCommands<String, String> asyncOf(
      StatefulConnection<String, String> connection) {
    if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
      return cluster.async();
    }
    if (connection instanceof StatefulRedisConnection<String, String> single) {
      return single.async();
    }
    throw new IllegalArgumentException(
        "unsupported connection type: " + connection.getClass().getName());
  }

  @Override
  public void close() {
    try {
      StatefulConnection<String, String> opened = connection;
      if (ownsConnection && opened != null) {
        opened.close();
      }
      // no quiet period: nothing else runs on threads the store made for itself
      if (ownedClient != null) {
        ownedClient.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
      }
      if (ownedResources != null) {
        // The future completes when the event loops and the timer have shut down, and their
        // threads end a moment later: waiting for both is what lets a servlet container undeploy
        // the application without threads left behind.
        ownedResources
            .shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .get(2 * SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ownedThreads.awaitEnded(SHUTDOWN_TIMEOUT)) {
          throw new SessionStoreException("the Redis client's threads did not stop in time");
        }
      }
    } catch (RedisException e) {
      throw new SessionStoreException("closing the Redis connection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreException("interrupted while the Redis client's threads stopped", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new SessionStoreException("the Redis client's threads did not stop", e);
    }
  }
}
