package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.protocol.ProtocolVersion;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's convention, checked without a server: once, named, validated at create. */
class RedisSessionStoreBuilderTest {

  private final StoreContext context = new StoreContext(TestClock.start(), SessionListener.NONE);

  @Test
  void defaultsArePublished() {
    assertThat(RedisSessionStore.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(2));
    assertThat(RedisSessionStore.DEFAULT_KEY_PREFIX).isEqualTo("sessionkit:");
  }

  @Test
  void oneWayToReachRedisIsRequired() {
    assertThatThrownBy(() -> RedisSessionStore.builder().create(context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("uri");
  }

  @Test
  void twoWaysToReachRedisConflictNamingBoth() {
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
  void aSettingGivenTwiceIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .timeout(Duration.ofSeconds(1))
                    .timeout(Duration.ofSeconds(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timeout was already set");
    assertThatThrownBy(() -> RedisSessionStore.builder().keyPrefix("a:").keyPrefix("b:"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("keyPrefix was already set");
    assertThatThrownBy(() -> RedisSessionStore.builder().expiryEvents(false).expiryEvents(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expiryEvents was already set");
    assertThatThrownBy(() -> RedisSessionStore.builder().uri("redis://a").uri("redis://b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("uri was already set");
    RedisClient client = RedisClient.create();
    RedisClusterClient cluster = RedisClusterClient.create("redis://localhost:7000");
    try {
      assertThatThrownBy(() -> RedisSessionStore.builder().client(client).client(cluster))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("client was already set");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      cluster.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void aNullIsAnErrorNamingTheSetting() {
    assertThatThrownBy(() -> RedisSessionStore.builder().uri(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("uri");
    assertThatThrownBy(() -> RedisSessionStore.builder().clusterUris((String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clusterUris");
    assertThatThrownBy(() -> RedisSessionStore.builder().clusterUris("redis://a:7000", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clusterUris");
    assertThatThrownBy(() -> RedisSessionStore.builder().client((RedisClient) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("client");
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .connection((StatefulRedisConnection<String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connection");
    assertThatThrownBy(() -> RedisSessionStore.builder().keyPrefix(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("keyPrefix");
    assertThatThrownBy(() -> RedisSessionStore.builder().timeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
    assertThatThrownBy(() -> RedisSessionStore.builder().uri("redis://a").create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("context");
  }

  @Test
  void aUriIsParsedWhenGivenAndItsPasswordStaysOutOfTheMessage() {
    assertThatThrownBy(() -> RedisSessionStore.builder().uri("http://user:s3cret@localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("uri is not a Redis URI")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> RedisSessionStore.builder().clusterUris("redis://a:7000", "nope://b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("clusterUris is not a Redis URI");
  }

  @Test
  void badValuesAreRejectedByCreateNamingTheSetting() {
    RedisStoreBuilder zeroTimeout =
        RedisSessionStore.builder().uri("redis://localhost").timeout(Duration.ZERO);
    assertThatThrownBy(() -> zeroTimeout.create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
    RedisStoreBuilder bracedPrefix =
        RedisSessionStore.builder().uri("redis://localhost").keyPrefix("app{1}:");
    assertThatThrownBy(() -> bracedPrefix.create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    RedisStoreBuilder noSeeds = RedisSessionStore.builder().clusterUris();
    assertThatThrownBy(() -> noSeeds.create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clusterUris");
  }

  @Test
  void aBuilderBuildsAgainAndKeepsItsDefaultsOutOfItsSettings() throws IOException {
    RedisStoreBuilder builder =
        RedisSessionStore.builder()
            .uri("redis://127.0.0.1:" + RedisProcess.freePort())
            .timeout(Duration.ofMillis(200));
    try (RedisSessionStore first = builder.create(context);
        RedisSessionStore second = builder.create(context)) {
      assertThat(first).isNotSameAs(second);
      assertThat(first.layout().prefix()).isEqualTo(RedisSessionStore.DEFAULT_KEY_PREFIX);
    }
    // the default prefix was applied to the stores, not written into the builder
    builder.keyPrefix("later:");
    try (RedisSessionStore third = builder.create(context)) {
      assertThat(third.layout().prefix()).isEqualTo("later:");
    }
  }

  @Test
  void aStoreBuildsWhileRedisIsDownAndThenThrowsStoreExceptions() throws IOException {
    int closedPort = RedisProcess.freePort();
    try (RedisSessionStore store =
        RedisSessionStore.builder()
            .uri("redis://127.0.0.1:" + closedPort)
            .timeout(Duration.ofMillis(500))
            .create(context)) {
      assertThatThrownBy(() -> store.load(Keys.random()))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("cannot connect");
    }
  }

  @Test
  void theNearCacheIsCheckedAtCreateAndRefusedWhereItCannotBeSound() {
    assertThat(RedisSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> RedisSessionStore.builder().nearCache(10).nearCache(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nearCache");
    assertThatThrownBy(
            () -> RedisSessionStore.builder().uri("redis://localhost").nearCache(0).create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumSize");
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .uri("redis://localhost")
                    .nearCache(10, Duration.ZERO)
                    .create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumAge");
    assertThatThrownBy(() -> RedisSessionStore.builder().nearCache(10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("maximumAge");
    assertThatThrownBy(
            () ->
                RedisSessionStore.builder()
                    .clusterUris("redis://a:7000")
                    .nearCache(10)
                    .create(context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not supported on Redis Cluster");
    RedisClusterClient cluster = RedisClusterClient.create("redis://a:7000");
    RedisClient resp2 = RedisClient.create("redis://localhost");
    resp2.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
    try {
      assertThatThrownBy(
              () -> RedisSessionStore.builder().client(cluster).nearCache(10).create(context))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not supported on Redis Cluster");
      assertThatThrownBy(
              () -> RedisSessionStore.builder().client(resp2).nearCache(10).create(context))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RESP3");
    } finally {
      cluster.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resp2.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
