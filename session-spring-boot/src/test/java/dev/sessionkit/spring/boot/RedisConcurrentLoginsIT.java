package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TestServers;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ConcurrentLoginsContract} on Redis. */
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
class RedisConcurrentLoginsIT extends ConcurrentLoginsContract {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.redis.uri", () -> TestServers.redisUri("RedisConcurrentLoginsIT"));
    registry.add(
        "sessionkit.redis.key-prefix", () -> "sessionkit-boot-logins:" + UUID.randomUUID() + ":");
  }
}
