package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.IOException;
import java.security.SecureRandom;
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

  private final SecureRandom random = new SecureRandom();

  @Test
  void aListenerHearsOfSessionsRedisExpiredAndOfNothingElse()
      throws IOException, InterruptedException {
    try (RedisProcess redis =
        RedisProcess.start(RedisProcess.requireBinary(), "--notify-keyspace-events", "Ex")) {
      RedisClient adminClient = RedisClient.create(redis.uri());
      try (SessionStore store = eventfulStore(redis.uri())) {
        RedisCommands<String, String> admin = adminClient.connect().sync();
        Events events = new Events();
        ((RedisSessionStore) store).subscribe(events);
        SessionKey key = newKey();
        admin.set("sessionkit-events:other", "not a session", SetArgs.Builder.px(20));
        admin.hset(layoutOf(store).sessionKey(key), Map.of("created", "x"));
        admin.pexpire(layoutOf(store).sessionKey(key), 40);
        SessionEvent event = events.next();
        assertThat(event.key()).isEqualTo(key);
        assertThat(event.principal()).isEmpty();
        assertThat(events.queue).isEmpty();
      } finally {
        adminClient.shutdown();
      }
    }
  }

  @Test
  void inAClusterEveryMasterIsHeard() throws IOException, InterruptedException {
    TestCluster cluster = TestCluster.shared();
    try (SessionStore store =
        RedisSessionStore.builder()
            .client(cluster.client())
            .keyPrefix(SharedRedis.freshPrefix())
            .expiryEvents(true)
            .build()) {
      Events events = new Events();
      ((RedisSessionStore) store).subscribe(events);
      RedisAdvancedClusterCommands<String, String> admin = cluster.connection().sync();
      Set<SessionKey> expected = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        SessionKey key = newKey();
        expected.add(key);
        admin.hset(layoutOf(store).sessionKey(key), Map.of("created", "x"));
        admin.pexpire(layoutOf(store).sessionKey(key), 30);
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
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expiryEvents cannot be combined with connection");
  }

  private SessionStore eventfulStore(String uri) {
    return RedisSessionStore.builder()
        .uri(uri)
        .keyPrefix(SharedRedis.freshPrefix())
        .clock(TestClock.start())
        .expiryEvents(true)
        .build();
  }

  private static RedisLayout layoutOf(SessionStore store) {
    return ((RedisSessionStore) store).layout();
  }

  private SessionKey newKey() {
    return SessionId.generate(random).key();
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
