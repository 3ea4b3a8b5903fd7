package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The same application pointed at a Redis port nothing listens on: it starts, requests that need
 * the session get 503 with the JSON body, and the health endpoint says DOWN (HTTP 503) within the
 * store's timeout, while the rest of the application stays UP.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
      "sessionkit.store=redis",
      "sessionkit.redis.timeout=300ms",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class RedisDownAppIT {

  @DynamicPropertySource
  static void closedPort(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.redis.uri", () -> "redis://127.0.0.1:" + Backends.freePort());
  }

  @LocalServerPort int port;

  @Test
  void healthIsDownAndSessionRequestsGet503() throws Exception {
    Http http = new Http(port);
    HttpResponse<String> count = http.get("/public/count", null);
    assertThat(count.statusCode()).isEqualTo(503);
    assertThat(count.body()).isEqualTo("{\"error\":\"session store unavailable\"}");

    HttpResponse<String> health = http.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(503);
    JsonNode sessionkit = StoreApps.health(http);
    assertThat(sessionkit.path("status").asString()).isEqualTo("DOWN");
    assertThat(sessionkit.path("details").path("store").asString()).isEqualTo("redis");
    assertThat(sessionkit.path("details").path("error").asString())
        .startsWith("dev.sessionkit.SessionStore");
    assertThat(StoreApps.metric(http, "sessionkit.store.failures")).isGreaterThanOrEqualTo(1);
  }
}
