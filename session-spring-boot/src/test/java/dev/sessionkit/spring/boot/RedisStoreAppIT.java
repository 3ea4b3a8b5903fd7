package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A Boot application with only the starter's properties ({@code sessionkit.secret}, {@code
 * sessionkit.store=redis}) and Boot's own {@code spring.data.redis.url}: its sessions are in that
 * Redis, read over real HTTP on Tomcat, and health and meters show the store.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
      "sessionkit.store=redis",
      "sessionkit.cookie.secure=never",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class RedisStoreAppIT {

  static final String PREFIX = "sessionkit-boot-test:" + UUID.randomUUID() + ":";

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", () -> TestServers.redisUri("RedisStoreAppIT"));
    registry.add("sessionkit.redis.key-prefix", () -> PREFIX);
  }

  @LocalServerPort int port;

  @Test
  void sessionsLiveInTheRedisSpringDataRedisNames() throws Exception {
    Http http = new Http(port);
    StoreApps.countThrice(http);

    RedisClient client = RedisClient.create(TestServers.redisUri("RedisStoreAppIT"));
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      var keys = redis.sync().scan(ScanArgs.Builder.matches(PREFIX + "*").limit(1000)).getKeys();
      assertThat(keys).isNotEmpty();
      redis.sync().unlink(keys.toArray(String[]::new));
    } finally {
      client.shutdown();
    }

    JsonNode health = StoreApps.health(http);
    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.path("details").path("store").asString()).isEqualTo("redis");
    assertThat(StoreApps.metric(http, "sessionkit.sessions.created")).isGreaterThanOrEqualTo(1);
    assertThat(StoreApps.metric(http, "sessionkit.store.calls?tag=operation:load"))
        .isGreaterThanOrEqualTo(2);
  }
}
