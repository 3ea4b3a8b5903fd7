package dev.sessionkit.redis;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.StoreContext;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Hears Redis expire session keys, through keyspace notifications the server must already send
 * ({@code notify-keyspace-events} with {@code E} and {@code x}; the store never runs CONFIG), and
 * tells the engine's listener. Best effort by nature: Redis sends each notification once, to
 * whoever listens at that moment, and sends it when it actually removes the key, which may be later
 * than the deadline. Nothing in the store depends on it. Thread-safe.
 */
final class KeyspaceExpiry implements AutoCloseable {

  /** Expiry events of every database. */
  static final String CHANNELS = "__keyevent@*__:expired";

  private static final System.Logger LOG = System.getLogger(KeyspaceExpiry.class.getName());

  private final StatefulRedisPubSubConnection<String, String> connection;

  private KeyspaceExpiry(StatefulRedisPubSubConnection<String, String> connection) {
    this.connection = connection;
  }

  /**
   * Starts listening, or logs a warning and returns null when Redis cannot be reached in time: the
   * store works without events.
   */
  static KeyspaceExpiry startOrWarn(
      AbstractRedisClient client,
      SessionHashLayout layout,
      Duration timeout,
      StoreContext context) {
    try {
      return start(client, layout, timeout, key -> expired(key, context));
    } catch (SessionStoreException e) {
      LOG.log(System.Logger.Level.WARNING, "no Redis expiry events for this store", e);
      return null;
    }
  }

  private static void expired(SessionKey key, StoreContext context) {
    SessionEvent event = new SessionEvent(key, Optional.empty(), context.clock().instant());
    try {
      context.listener().expired(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a session listener failed on " + key, e);
    }
  }

  /**
   * Opens a pub/sub connection of its own and subscribes to expiry events, on every master of a
   * Cluster (each node announces only its own keys).
   *
   * @param onExpired called on a Lettuce thread with each session that Redis expired
   * @throws SessionStoreException when Redis cannot be reached in time
   */
  private static KeyspaceExpiry start(
      AbstractRedisClient client,
      SessionHashLayout layout,
      Duration timeout,
      Consumer<SessionKey> onExpired) {
    StatefulRedisPubSubConnection<String, String> connection = null;
    try {
      RedisPubSubAdapter<String, String> listener =
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String key) {
              layout.sessionKeyOf(key).ifPresent(onExpired);
            }
          };
      CompletableFuture<?> subscribed;
      if (client instanceof RedisClusterClient cluster) {
        StatefulRedisClusterPubSubConnection<String, String> pubSub =
            cluster.connectPubSub(StringCodec.UTF8);
        connection = pubSub;
        pubSub.setNodeMessagePropagation(true);
        pubSub.addListener(listener);
        subscribed =
            CompletableFuture.allOf(
                pubSub.async().upstream().commands().psubscribe(CHANNELS).futures());
      } else {
        connection = ((RedisClient) client).connectPubSub(StringCodec.UTF8);
        connection.addListener(listener);
        subscribed = connection.async().psubscribe(CHANNELS).toCompletableFuture();
      }
      subscribed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new KeyspaceExpiry(connection);
    } catch (RedisException | ExecutionException | TimeoutException e) {
      closeQuietly(connection);
      throw new SessionStoreException("cannot subscribe to Redis expiry events: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(connection);
      throw new SessionStoreException("interrupted while subscribing to expiry events", e);
    }
  }

  private static void closeQuietly(StatefulRedisPubSubConnection<String, String> connection) {
    if (connection != null) {
      connection.closeAsync();
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
