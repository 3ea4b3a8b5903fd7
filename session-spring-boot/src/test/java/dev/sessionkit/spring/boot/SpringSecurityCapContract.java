package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TcpForwarder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link CapApp} does on a shared store, over real HTTP: Spring Security's form login sets the
 * session's principal, {@code maximumSessions(1)} (with {@code
 * sessionkit.max-sessions-per-principal=1}) ends the older login, logins of one user at the same
 * moment leave exactly one valid session, the Actuator sessions endpoint lists and ends sessions by
 * handle, and readiness follows the store through a partition. Each store's test points the app at
 * its backend through {@link #forwarder()}, with a store timeout long enough for fifty logins at
 * once on a busy machine: the test is of the outcome, not of speed.
 */
abstract class SpringSecurityCapContract {

  static final String SECRET = "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  Http http;

  /** The forwarder between the application and its store. */
  abstract TcpForwarder forwarder();

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void aSecondLoginEndsTheFirstWhileAnotherUserStays() throws Exception {
    String first = login("frodo", "mellon");
    String sam = login("sam", "potatoes");
    assertThat(me(first)).isEqualTo("frodo");

    String second = login("frodo", "mellon");
    assertThat(me(second)).isEqualTo("frodo");
    assertThat(http.get("/me", first).statusCode()).as("the first login's cookie").isEqualTo(302);
    assertThat(me(sam)).isEqualTo("sam");

    JsonNode listed = sessionsOf("frodo");
    assertThat(listed).hasSize(1);
    String handle = listed.get(0).path("id").asString();
    assertThat(handle).hasSize(22).isNotIn(second, second.substring("sid=".length()));
    assertThat(listed.get(0).path("lastAccessedTime").asString()).isNotBlank();
    HttpResponse<String> one = http.get("/actuator/sessions/" + handle, null);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(one.body()).path("username").asString()).isEqualTo("frodo");

    assertThat(http.delete("/actuator/sessions/" + handle, null).statusCode()).isEqualTo(204);
    assertThat(http.get("/me", second).statusCode()).isEqualTo(302);
    assertThat(sessionsOf("frodo")).isEmpty();
    assertThat(http.get("/actuator/sessions/" + handle, null).statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/sessions/not-a-handle", null).statusCode()).isEqualTo(404);
    assertThat(me(sam)).isEqualTo("sam");
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

  private String login(String user, String password) throws Exception {
    HttpResponse<String> page = http.get("/login", null);
    String before = Http.cookie(page, "sid").orElseThrow();
    HttpResponse<String> login =
        http.postForm(
            "/login",
            before,
            Map.of("username", user, "password", password, "_csrf", Http.csrf(page.body())));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/me"));
    return Http.cookie(login, "sid").orElseThrow();
  }

  private String me(String cookie) throws Exception {
    HttpResponse<String> me = http.get("/me", cookie);
    assertThat(me.statusCode()).isEqualTo(200);
    return me.body();
  }

  private JsonNode sessionsOf(String user) throws Exception {
    HttpResponse<String> list = http.get("/actuator/sessions?username=" + user, null);
    assertThat(list.statusCode()).isEqualTo(200);
    return JSON.readTree(list.body()).path("sessions");
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
