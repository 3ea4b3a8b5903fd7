package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TcpForwarder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link CapApp} does on a shared store, over real HTTP: Spring Security's form login sets the
 * session's principal, {@code maximumSessions(1)} (with {@code
 * sessionkit.max-sessions-per-principal=1}) expires the older login, whose next request goes to the
 * {@code expiredUrl}, logins of one user at the same moment leave exactly one valid session, the
 * Actuator sessions endpoint lists and ends sessions by handle, and readiness follows the store
 * through a partition. Each store's test points the app at its backend through {@link
 * #forwarder()}, with a store timeout long enough for fifty logins at once on a busy machine: the
 * test is of the outcome, not of speed.
 */
abstract class SpringSecurityCapContract {

  static final String SECRET = "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac";

  private static final JsonMapper JSON = Logins.JSON;

  @LocalServerPort int port;
  Http http;
  Logins logins;

  /** The forwarder between the application and its store. */
  abstract TcpForwarder forwarder();

  @BeforeEach
  void client() {
    http = new Http(port);
    logins = new Logins(http);
  }

  @Test
  void aSecondLoginExpiresTheFirstToTheExpiredUrlWhileAnotherUserStays() throws Exception {
    String first = logins.login("frodo", "mellon");
    String sam = logins.login("sam", "potatoes");
    assertThat(logins.me(first)).isEqualTo("frodo");

    String second = logins.login("frodo", "mellon");
    assertThat(logins.me(second)).isEqualTo("frodo");
    assertThat(logins.redirectOf(first)).as("the first login's next request").endsWith("/expired");
    assertThat(logins.redirectOf(first)).as("then logged out").endsWith("/login");
    assertThat(logins.me(sam)).isEqualTo("sam");

    JsonNode listed = logins.sessionsOf("frodo");
    assertThat(listed).hasSize(1);
    String handle = listed.get(0).path("id").asString();
    assertThat(handle).hasSize(22).isNotIn(second, second.substring("sid=".length()));
    assertThat(listed.get(0).path("lastAccessedTime").asString()).isNotBlank();
    assertThat(listed.get(0).path("attributeNames").toString()).contains("SPRING_SECURITY_CONTEXT");
    HttpResponse<String> one = http.get("/actuator/sessions/" + handle, null);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(one.body()).path("username").asString()).isEqualTo("frodo");
    HttpResponse<String> byUser =
        http.get("/actuator/sessions/" + handle + "?username=frodo", null);
    assertThat(byUser.statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/sessions/" + handle + "?username=sam", null).statusCode())
        .as("a handle looked up among another user's sessions")
        .isEqualTo(404);

    assertThat(http.delete("/actuator/sessions/" + handle, null).statusCode()).isEqualTo(204);
    assertThat(logins.redirectOf(second)).endsWith("/login");
    assertThat(logins.sessionsOf("frodo")).isEmpty();
    assertThat(http.get("/actuator/sessions/" + handle, null).statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/sessions/not-a-handle", null).statusCode()).isEqualTo(404);
    assertThat(logins.me(sam)).isEqualTo("sam");
  }

  @Test
  void readinessFollowsTheStore() throws Exception {
    assertThat(readiness()).isEqualTo("UP");
    forwarder().partition();
    try {
      // Each probe answers within the store's timeout, DOWN with HTTP 503.
      HttpResponse<String> down = http.get("/actuator/health/readiness", null);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(down.body()).path("status").asString()).isEqualTo("DOWN");
      assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    } finally {
      forwarder().heal();
    }
    assertThat(readinessWhenBack()).isEqualTo("UP");
  }

  private String readiness() throws Exception {
    return JSON.readTree(http.get("/actuator/health/readiness", null).body())
        .path("status")
        .asString();
  }

  /** Probes until the store answers again through the healed forwarder, for half a minute. */
  private String readinessWhenBack() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String status = readiness();
    while (!status.equals("UP") && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      status = readiness();
    }
    return status;
  }
}
