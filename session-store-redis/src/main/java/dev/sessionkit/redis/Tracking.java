package dev.sessionkit.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The near cache's own connection, with {@code CLIENT TRACKING ON} in the default mode: Redis
 * remembers the keys read on it and pushes (RESP3) an {@code invalidate} message when one of them
 * changes or goes, then forgets it until it is read again. Lettuce reconnects the connection by
 * itself but does not turn tracking on again, so every reconnect turns it on anew, and every
 * disconnect and reconnect empties the cache ({@link NearCache#disarm}, {@link NearCache#rearm}).
 * Opened lazily, like the store's own connection, so a store built while Redis is down starts
 * caching when it comes up. Thread-safe.
 */
final class Tracking implements AutoCloseable, PushListener, RedisConnectionStateListener {

  private static final System.Logger LOG = System.getLogger(Tracking.class.getName());

  /** How long after a failed attempt to open the connection the next load may try again. */
  private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

  private final RedisClient client;
  private final SessionHashLayout layout;
  private final Duration timeout;
  private final NearCache cache;
  private final ReentrantLock opening = new ReentrantLock();
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile long nextAttempt = System.nanoTime();
  private volatile boolean closed;

  Tracking(RedisClient client, SessionHashLayout layout, Duration timeout, NearCache cache) {
    this.client = client;
    this.layout = layout;
    this.timeout = timeout;
    this.cache = cache;
  }

  /**
   * Calls on the tracking connection, or null when it is not open (then one caller at a time, at
   * most once a second, tries to open it).
   */
  RedisCalls calls(String what) {
    StatefulRedisConnection<String, String> current = connection;
    if (current == null) {
      tryOpen();
      return null;
    }
    return new RedisCalls(current.async(), RedisCalls.deadline(timeout), what);
  }

  /** Opens the connection and turns tracking on, waiting at most the timeout; never throws. */
  void tryOpen() {
    if (closed || connection != null || System.nanoTime() - nextAttempt < 0) {
      return;
    }
    if (!opening.tryLock()) {
      return;
    }
    try {
      if (closed || connection != null) {
        return;
      }
      StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8);
      if (!speaksResp3(opened)) {
        opened.close();
        warn(
            "the near cache needs RESP3 push messages (Redis 6 or later); loads go to Redis", null);
        closed = true;
        return;
      }
      // listeners first, so that no disconnect after the tracking command goes unheard
      opened.addListener((PushListener) this);
      opened.addListener((RedisConnectionStateListener) this);
      connection = opened;
      enable(opened, cache.rearm()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RedisException | ExecutionException | TimeoutException e) {
      nextAttempt = System.nanoTime() + RETRY_NANOS;
      warn("the near cache is off until its connection to Redis opens", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      opening.unlock();
    }
  }

  private static boolean speaksResp3(StatefulRedisConnection<String, String> connection) {
    return connection instanceof StatefulRedisConnectionImpl<?, ?> impl
        && impl.getConnectionState().getNegotiatedProtocolVersion() == ProtocolVersion.RESP3;
  }

  /** Sends CLIENT TRACKING ON; reads on the connection count once Redis has said OK. */
  private CompletableFuture<String> enable(
      StatefulRedisConnection<String, String> on, long generation) {
    CompletableFuture<String> reply =
        on.async().clientTracking(TrackingArgs.Builder.enabled()).toCompletableFuture();
    return reply.whenComplete(
        (ok, error) -> {
          if (error == null && "OK".equals(ok)) {
            cache.armed(generation);
          } else {
            warn("CLIENT TRACKING failed; loads go to Redis until the next reconnect", error);
          }
        });
  }

  /** A push on the tracking connection: {@code invalidate} with the changed keys, or null. */
  @Override
  public void onPushMessage(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    if (content.size() < 2 || !(content.get(1) instanceof List<?> keys)) {
      // FLUSHALL or FLUSHDB: every key may be gone
      cache.forgetAll();
      return;
    }
    for (Object key : keys) {
      if (key instanceof String redisKey) {
        layout.sessionKeyOf(redisKey).ifPresent(cache::invalidated);
      }
    }
  }

  @Override
  public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
    StatefulRedisConnection<String, String> current = connection;
    if (handler == current && !closed) {
      enable(current, cache.rearm());
    }
  }

  @Override
  public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
    if (handler == connection) {
      cache.disarm();
    }
  }

  private void warn(String message, Throwable cause) {
    if (!closed && warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, message, cause);
    } else {
      LOG.log(System.Logger.Level.DEBUG, message, cause);
    }
  }

  @Override
  public void close() {
    opening.lock();
    try {
      closed = true;
      StatefulRedisConnection<String, String> current = connection;
      connection = null;
      if (current != null) {
        current.removeListener((PushListener) this);
        current.removeListener((RedisConnectionStateListener) this);
        current.close();
      }
    } finally {
      opening.unlock();
    }
  }
}
