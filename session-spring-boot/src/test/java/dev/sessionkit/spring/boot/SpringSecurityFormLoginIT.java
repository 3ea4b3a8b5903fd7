package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's stock form login on SessionKit's sessions (memory store), over real HTTP on
 * Tomcat: the saved request, the CSRF token and the security context live in our session, the login
 * changes the session id (Security's default {@code changeSessionId} fixation protection, which our
 * {@code HttpSession} bridge carries out by regenerating), and the old id is dead.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
      "sessionkit.cookie.secure=never",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class SpringSecurityFormLoginIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void formLoginChangesTheSessionIdAndTheOldOneIsDead() throws Exception {
    HttpResponse<String> denied = http.get("/me", null);
    assertThat(denied.statusCode()).isEqualTo(302);
    assertThat(denied.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    // The saved request made a session: ours, not the container's.
    String before = Http.cookie(denied, "sid").orElseThrow();
    assertThat(Http.cookie(denied, "JSESSIONID")).isEmpty();

    HttpResponse<String> page = http.get("/login", before);
    assertThat(page.statusCode()).isEqualTo(200);
    String csrf = Http.csrf(page.body());

    HttpResponse<String> login =
        http.postForm(
            "/login", before, Map.of("username", "frodo", "password", "mellon", "_csrf", csrf));
    assertThat(login.statusCode()).isEqualTo(302);
    // back to the page first asked for: the saved request was read from our session
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/me"));
    String after = Http.cookie(login, "sid").orElseThrow();
    assertThat(after).isNotEqualTo(before);

    HttpResponse<String> me = http.get("/me", after);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).startsWith("frodo dev.sessionkit.");

    HttpResponse<String> stale = http.get("/me", before);
    assertThat(stale.statusCode()).isEqualTo(302);

    // Logout (POST with the CSRF token, which Security renewed at login) ends the session.
    HttpResponse<String> loggedIn = http.get("/login", after);
    HttpResponse<String> logout =
        http.postForm("/logout", after, Map.of("_csrf", Http.csrf(loggedIn.body())));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(http.get("/me", after).statusCode()).isEqualTo(302);
  }

  @Test
  void aFailedLoginKeepsTheErrorInTheSessionForTheLoginPage() throws Exception {
    HttpResponse<String> page = http.get("/login", null);
    String cookie = Http.cookie(page, "sid").orElseThrow();
    HttpResponse<String> wrong =
        http.postForm(
            "/login",
            cookie,
            Map.of("username", "frodo", "password", "wrong", "_csrf", Http.csrf(page.body())));
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    // Security put the error in our session; it reads back as an AuthenticationException.
    assertThat(http.get("/public/last-error", cookie).body()).isEqualTo("Bad credentials");
  }

  @Test
  void healthAndMetricsShowTheStore() throws Exception {
    http.get("/public/count", null);
    HttpResponse<String> health = http.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode sessionkit = JSON.readTree(health.body()).path("components").path("sessionkit");
    assertThat(sessionkit.path("status").asString()).isEqualTo("UP");
    assertThat(sessionkit.path("details").path("store").asString()).isEqualTo("memory");
    assertThat(sessionkit.path("details").path("sessions").asLong()).isPositive();
    HttpResponse<String> created = http.get("/actuator/metrics/sessionkit.sessions.created", null);
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(created.body()).path("measurements").path(0).path("value").asDouble())
        .isPositive();
    assertThat(http.get("/actuator/metrics/sessionkit.sessions.live", null).statusCode())
        .isEqualTo(200);
    assertThat(http.get("/actuator/metrics/sessionkit.store.calls", null).body())
        .contains("\"operation\"");
    // Tomcat's own session manager is left idle: its gauges read 0 while ours count.
    HttpResponse<String> tomcat = http.get("/actuator/metrics/tomcat.sessions.created", null);
    assertThat(tomcat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(tomcat.body()).path("measurements").path(0).path("value").asDouble())
        .isZero();
  }
}
