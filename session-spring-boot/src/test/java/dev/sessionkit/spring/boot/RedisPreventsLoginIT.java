package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TestServers;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PreventsLoginContract} on Redis. */
@SpringBootTest(
    classes = CapApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      SpringSecurityCapContract.SECRET,
      "capapp.prevents-login=true",
      "sessionkit.store=redis",
      "sessionkit.max-sessions-per-principal=1",
      "sessionkit.cap-policy=refuse",
      "sessionkit.cookie.secure=never",
      "management.endpoints.web.exposure.include=health,sessions",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class RedisPreventsLoginIT extends PreventsLoginContract {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.redis.uri", () -> TestServers.redisUri("RedisPreventsLoginIT"));
    registry.add(
        "sessionkit.redis.key-prefix", () -> "sessionkit-boot-prevents:" + UUID.randomUUID() + ":");
  }
}
