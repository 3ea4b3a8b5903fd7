package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing a store closes only what it opened, never the application's client or connection. */
class RedisOwnershipIT {

  private final TestClock clock = TestClock.start();

  @Test
  void anApplicationClientStaysUsableAfterTheStoreCloses() {
    RedisClient client = RedisClient.create(SharedRedis.uri());
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

  private void roundTrip(RedisSessionStoreBuilder builder) {
    SessionRecord record =
        new SessionRecord(
            SessionId.generate(new SecureRandom()).key(),
            clock.instant(),
            clock.instant(),
            Duration.ofMinutes(5),
            null,
            null,
            Map.of("a", "1"));
    try (SessionStore store = builder.keyPrefix(SharedRedis.freshPrefix()).clock(clock).build()) {
      store.create(record);
      assertThat(store.load(record.key())).contains(record);
    }
  }
}
