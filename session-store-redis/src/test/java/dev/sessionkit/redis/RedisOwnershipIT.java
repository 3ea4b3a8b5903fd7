package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import dev.sessionkit.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing a store closes only what it opened, never the application's client or connection, which
 * any number of stores built from one builder may share.
 */
class RedisOwnershipIT {

  private final TestClock clock = TestClock.start();

  @Test
  void anApplicationClientStaysUsableAfterTheStoreCloses() {
    RedisClient client = RedisClient.create(TestServers.redisUri("RedisOwnershipIT"));
    try {
      roundTrip(RedisSessionStore.builder().client(client));
      try (StatefulRedisConnection<String, String> after = client.connect()) {
        assertThat(after.sync().ping()).isEqualTo("PONG");
      }
    } finally {
      client.shutdown();
    }
  }

  @Test
  void anApplicationConnectionStaysOpenAfterTheStoreCloses() {
    StatefulRedisConnection<String, String> connection = SharedRedis.connection();
    roundTrip(RedisSessionStore.builder().connection(connection));
    assertThat(connection.isOpen()).isTrue();
    assertThat(connection.sync().ping()).isEqualTo("PONG");
  }

  @Test
  void oneBuilderBuildsStoresThatShareTheApplicationConnectionAndCloseApart() {
    StatefulRedisConnection<String, String> connection = SharedRedis.connection();
    RedisStoreBuilder builder =
        RedisSessionStore.builder().connection(connection).keyPrefix(SharedRedis.freshPrefix());
    StoreContext context = new StoreContext(clock, SessionListener.NONE);
    SessionRecord record = record();
    try (RedisSessionStore second = builder.create(context)) {
      try (RedisSessionStore first = builder.create(context)) {
        first.create(record);
        assertThat(second.load(record.key())).contains(record);
      }
      assertThat(second.load(record.key())).as("after the first store closed").contains(record);
    }
    assertThat(connection.isOpen()).isTrue();
  }

  private SessionRecord record() {
    return new SessionRecord(
        Keys.random(),
        clock.instant(),
        clock.instant(),
        Duration.ofMinutes(5),
        null,
        null,
        Map.of("a", "1"));
  }

  private void roundTrip(RedisStoreBuilder builder) {
    SessionRecord record = record();
    try (SessionStore store =
        builder
            .keyPrefix(SharedRedis.freshPrefix())
            .create(new StoreContext(clock, SessionListener.NONE))) {
      store.create(record);
      assertThat(store.load(record.key())).contains(record);
    }
  }
}
