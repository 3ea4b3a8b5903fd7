package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With expiry events on and a server that sends keyspace notifications, the listener hears of
 * session keys Redis expired, and of nothing else. Keys are written with a short TTL directly,
 * since the store's own TTLs run 10 s past the deadline.
 */
class RedisExpiryEventsIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aListenerHearsOfSessionsRedisExpiredAndOfNothingElse()
      throws IOException, InterruptedException {
    try (RedisProcess redis =
        RedisProcess.start(RedisProcess.requireBinary(), "--notify-keyspace-events", "Ex")) {
      RedisClient adminClient = RedisClient.create(redis.uri());
      TestClock clock = TestClock.start();
      Events events = new Events();
      try (RedisSessionStore store =
          RedisSessionStore.builder()
              .uri(redis.uri())
              .keyPrefix(SharedRedis.freshPrefix())
              .expiryEvents(true)
              .create(new StoreContext(clock, events))) {
        RedisCommands<String, String> admin = adminClient.connect().sync();
        SessionKey key = newKey();
        admin.set("sessionkit-events:other", "not a session", SetArgs.Builder.px(20));
        admin.hset(store.layout().sessionKey(key), Map.of("created", "x"));
        admin.pexpire(store.layout().sessionKey(key), 40);
        SessionEvent event = events.next();
        assertThat(event.key()).isEqualTo(key);
        assertThat(event.principal()).isEmpty();
        assertThat(event.time()).as("the time of the engine's clock").isEqualTo(clock.instant());
        assertThat(events.queue).isEmpty();
      } finally {
        adminClient.shutdown();
      }
    }
  }

  @Test
  void inAClusterEveryMasterIsHeard() throws IOException, InterruptedException {
    TestCluster cluster = TestCluster.shared();
    Events events = new Events();
    try (RedisSessionStore store =
        RedisSessionStore.builder()
            .client(cluster.client())
            .keyPrefix(SharedRedis.freshPrefix())
            .expiryEvents(true)
            .create(new StoreContext(TestClock.start(), events))) {
      RedisAdvancedClusterCommands<String, String> admin = cluster.connection().sync();
      Set<SessionKey> expected = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        SessionKey key = newKey();
        expected.add(key);
        admin.hset(store.layout().sessionKey(key), Map.of("created", "x"));
        admin.pexpire(store.layout().sessionKey(key), 30);
      }
      Set<SessionKey> heard = new HashSet<>();
      while (heard.size() < expected.size()) {
        heard.add(events.next().key());
      }
      assertThat(heard).isEqualTo(expected);
    }
  }

  @Test
  void expiryEventsNeedAConnectionOfTheirOwn() {
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .connection(SharedRedis.connection())
                    .expiryEvents(true)
                    .create(StoreContext.systemDefault()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expiryEvents cannot be combined with connection");
  }

  @Test
  void theStoreSubscribesOnlyWhenAskedAndUnsubscribesWhenClosed() throws IOException {
    try (RedisProcess redis = RedisProcess.start(RedisProcess.requireBinary())) {
      RedisClient adminClient = RedisClient.create(redis.uri());
      try {
        RedisCommands<String, String> admin = adminClient.connect().sync();
        try (RedisSessionStore store = storeOn(redis.uri(), false)) {
          assertThat(store.load(newKey())).isEmpty();
          assertThat(admin.pubsubNumpat()).as("patterns of a store without events").isZero();
        }
        try (RedisSessionStore store = storeOn(redis.uri(), true)) {
          assertThat(store.load(newKey())).isEmpty();
          assertThat(admin.pubsubNumpat()).as("patterns of a store with events").isEqualTo(1);
        }
        // the server drops a closed connection's subscriptions when it reads the close
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (admin.pubsubNumpat() != 0 && System.nanoTime() < deadline) {
          RedisProcess.pauseBriefly();
        }
        assertThat(admin.pubsubNumpat()).as("patterns after the store closed").isZero();
      } finally {
        adminClient.shutdown();
      }
    }
  }

  private static RedisSessionStore storeOn(String uri, boolean expiryEvents) {
    return RedisSessionStore.builder()
        .uri(uri)
        .keyPrefix(SharedRedis.freshPrefix())
        .expiryEvents(expiryEvents)
        .create(new StoreContext(TestClock.start(), SessionListener.NONE));
  }

  private static SessionKey newKey() {
    return Keys.random();
  }

  /** Collects events from Lettuce's thread. */
  private static final class Events implements SessionListener {
    final BlockingQueue<SessionEvent> queue = new LinkedBlockingQueue<>();

    @Override
    public void expired(SessionEvent event) {
      queue.add(event);
    }

    SessionEvent next() throws InterruptedException {
      SessionEvent event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an expiry event within %s", WAIT).isNotNull();
      return event;
    }
  }
}
