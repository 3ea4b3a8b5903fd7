package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TcpForwarder;
import dev.sessionkit.testsupport.TestServers;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SpringSecurityCapContract} on Redis, reached through a forwarder the test can freeze. */
@SpringBootTest(
    classes = CapApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      SpringSecurityCapContract.SECRET,
      "sessionkit.store=redis",
      "sessionkit.redis.timeout=10s",
      "sessionkit.max-sessions-per-principal=1",
      "sessionkit.cookie.secure=never",
      "management.endpoints.web.exposure.include=health,sessions",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class RedisSpringSecurityCapIT extends SpringSecurityCapContract {

  private static final TcpForwarder FORWARDER =
      forwarderTo(TestServers.redisUri("RedisSpringSecurityCapIT"));

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.redis.uri", () -> "redis://127.0.0.1:" + FORWARDER.port());
    registry.add(
        "sessionkit.redis.key-prefix", () -> "sessionkit-boot-cap:" + UUID.randomUUID() + ":");
  }

  @AfterAll
  static void close() {
    FORWARDER.close();
  }

  @Override
  TcpForwarder forwarder() {
    return FORWARDER;
  }

  private static TcpForwarder forwarderTo(String redisUri) {
    URI uri = URI.create(redisUri);
    return new TcpForwarder(uri.getHost(), uri.getPort());
  }
}
