package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Boot example over real HTTP, memory store: the Jetty example's page and JSON API behind
 * Spring Security (CSRF token in a header), Spring Security's form login, "your sessions" as a page
 * and as JSON, and Actuator's health and sessions endpoints, the latter for {@code ADMIN} only.
 */
class BootExampleIT {

  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() {
    app =
        BootExampleApp.run(
            "--server.port=0", "--PBKDF2_ITERATIONS=1000", "--logging.level.root=WARN");
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void thePageIsTheJettyExamplesWithItsHeaders() throws Exception {
    HttpResponse<String> page = new Client(port).get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>SessionKit example</title>");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'self'; frame-ancestors 'none'");
    assertThat(page.body())
        .contains("<script src=\"/csrf.js\" defer></script><script src=\"/app.js\"");
    assertThat(new Client(port).get("/app.js").body()).contains("/api/login");
    assertThat(new Client(port).get("/csrf.js").body()).contains("/api/csrf");
    assertThat(new Client(port).get("/app.css").statusCode()).isEqualTo(200);
  }

  @Test
  void jsonLoginProtectedAndLogout() throws Exception {
    Client browser = new Client(port);
    HttpResponse<String> denied = browser.get("/api/users");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    String login = "{\"username\":\"frodo\",\"password\":\"mellon\"}";
    // Without the CSRF token, as a page of another site would post: refused.
    assertThat(browser.postJsonWithout("/api/login", login, Map.of()).statusCode()).isEqualTo(403);
    HttpResponse<String> wrong =
        browser.postJson("/api/login", "{\"username\":\"frodo\",\"password\":\"nope\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);

    String before = browser.cookie;
    HttpResponse<String> ok = browser.postJson("/api/login", login);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"user\":\"frodo\"}");
    String session = browser.cookie;
    assertThat(session).startsWith("sid=").isNotEqualTo(before);
    assertThat(browser.get("/api/users").body()).isEqualTo("[\"frodo\",\"sam\"]");
    assertThat(browser.get("/api/greet").body()).isEqualTo("Hello frodo");
    assertThat(browser.json("/api/me").path("user").asString()).isEqualTo("frodo");
    // Spring Security's login set the session's principal: it is in "your sessions".
    JsonNode mine = browser.json("/api/sessions").path("sessions");
    assertThat(mine).filteredOn(s -> s.path("current").asBoolean()).hasSize(1);

    HttpResponse<String> logout = browser.postJson("/api/logout", "");
    assertThat(logout.body()).isEqualTo("{\"loggedOut\":true}");
    assertThat(browser.cookie).isNull();
    Client replay = new Client(port);
    replay.cookie = session;
    assertThat(replay.get("/api/users").statusCode()).isEqualTo(401);
  }

  @Test
  void formLoginLeadsToYourSessionsWhereOthersCanBeLoggedOut() throws Exception {
    Client laptop = new Client(port);
    Client phone = new Client(port);
    HttpResponse<String> login = laptop.formLogin("sam", "potatoes");
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/sessions"));
    assertThat(phone.formLogin("sam", "potatoes").statusCode()).isEqualTo(302);

    HttpResponse<String> page = laptop.get("/sessions");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Your sessions", "This device", "name=\"_csrf\"");
    JsonNode sessions = laptop.json("/api/sessions").path("sessions");
    assertThat(sessions).hasSize(2);
    String other =
        sessions.get(0).path("current").asBoolean()
            ? sessions.get(1).path("handle").asString()
            : sessions.get(0).path("handle").asString();
    assertThat(other).hasSize(22);
    assertThat(page.body()).doesNotContain(phone.cookie.substring("sid=".length()));

    HttpResponse<String> ended = laptop.delete("/api/sessions/" + other);
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(Client.JSON.readTree(ended.body()).path("current").asBoolean()).isFalse();
    assertThat(phone.get("/sessions").statusCode()).isEqualTo(302);
    assertThat(laptop.delete("/api/sessions/" + other).statusCode()).isEqualTo(404);
    assertThat(laptop.postJson("/api/logout-others", "").body()).isEqualTo("{\"loggedOut\":0}");
  }

  @Test
  void actuatorShowsTheStoreAndItsSessionsToAdminsOnly() throws Exception {
    Client sam = new Client(port);
    sam.formLogin("sam", "potatoes");
    assertThat(sam.get("/actuator/sessions?username=sam").statusCode()).isEqualTo(403);
    Client frodo = new Client(port);
    frodo.formLogin("frodo", "mellon");
    JsonNode listed = frodo.json("/actuator/sessions?username=frodo").path("sessions");
    assertThat(listed).isNotEmpty();
    assertThat(listed.get(0).path("id").asString()).hasSize(22);

    String health = new Client(port).get("/actuator/health").body();
    assertThat(health).contains("\"sessionkit\":{\"details\":{\"store\":\"memory\"");
    assertThat(new Client(port).json("/actuator/health/readiness").path("status").asString())
        .isEqualTo("UP");
    assertThat(frodo.get("/actuator/metrics/sessionkit.sessions.live").body())
        .contains("\"VALUE\"");
  }
}
