package dev.sessionkit.examples.boot;

import dev.sessionkit.testsupport.TestServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot example on Redis ({@code SESSIONKIT_REDIS_URI}, else an embedded Redis) with one session
 * per user: {@link OneSessionPerUser}.
 */
class BootRedisIT {

  @Test
  void oneSessionPerUserOnRedis() throws Exception {
    try (ConfigurableApplicationContext app =
        BootExampleApp.run(
            "--server.port=0",
            "--PBKDF2_ITERATIONS=1000",
            "--logging.level.root=WARN",
            "--SESSION_STORE=redis",
            "--REDIS_URI=" + TestServers.redisUri("BootRedisIT"),
            "--sessionkit.redis.key-prefix=sessionkit-boot-example:" + UUID.randomUUID() + ":",
            OneSessionPerUser.MAX_ONE)) {
      OneSessionPerUser.check(
          ((WebServerApplicationContext) app).getWebServer().getPort(), "redis");
    }
  }
}
