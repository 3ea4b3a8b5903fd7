package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.SessionStoreException;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSessionStoreBuilderTest {

  @Test
  void defaultsArePublished() {
    assertThat(RedisSessionStore.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(2));
    assertThat(RedisSessionStore.DEFAULT_KEY_PREFIX).isEqualTo("sessionkit:");
  }

  @Test
  void oneWayToReachRedisIsRequired() {
    assertThatThrownBy(() -> RedisSessionStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("uri");
  }

  @Test
  void twoWaysToReachRedisConflict() {
    RedisClient client = RedisClient.create();
    try {
      // the second way is rejected before anything is opened from it
      assertThatThrownBy(() -> RedisSessionStore.builder().uri("redis://localhost").client(client))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("client cannot be combined with uri");
      assertThatThrownBy(
              () ->
                  RedisSessionStore.builder()
                      .clusterUris("redis://a:7000")
                      .uri("redis://localhost"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("uri cannot be combined with clusterUris");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void aSettingGivenTwiceIsAnError() {
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .timeout(Duration.ofSeconds(1))
                    .timeout(Duration.ofSeconds(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> RedisSessionStore.builder().keyPrefix("a:").keyPrefix("b:"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyPrefix");
  }

  @Test
  void badValuesNameTheArgument() {
    assertThatThrownBy(() -> RedisSessionStore.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> RedisSessionStore.builder().keyPrefix("app{1}:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisSessionStore.builder().clusterUris())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisSessionStore.builder().uri(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("uri");
  }

  @Test
  void aStoreBuildsWhileRedisIsDownAndThenThrowsStoreExceptions() throws IOException {
    int closedPort = RedisProcess.freePort();
    try (SessionStore store =
        RedisSessionStore.builder()
            .uri("redis://127.0.0.1:" + closedPort)
            .timeout(Duration.ofMillis(500))
            .build()) {
      assertThatThrownBy(() -> store.load(SessionId.generate(new SecureRandom()).key()))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("cannot connect");
    }
  }
}
