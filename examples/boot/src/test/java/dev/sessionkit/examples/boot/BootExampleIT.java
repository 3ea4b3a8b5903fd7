package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot example over real HTTP, memory store: the Jetty example's page and flow (login, the
 * protected list, logout), and the session store under {@code /actuator}.
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
    assertThat(new Client(port).get("/app.js").body()).contains("/api/login");
  }

  @Test
  void loginProtectedAndLogout() throws Exception {
    Client browser = new Client(port);
    assertThat(browser.get("/api/users").statusCode()).isEqualTo(401);
    HttpResponse<String> wrong =
        browser.postJson("/api/login", "{\"username\":\"frodo\",\"password\":\"nope\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Client.setCookie(wrong)).isEmpty();

    HttpResponse<String> login =
        browser.postJson("/api/login", "{\"username\":\"frodo\",\"password\":\"mellon\"}");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).isEqualTo("{\"user\":\"frodo\"}");
    String session = browser.cookie;
    assertThat(session).startsWith("sid=");
    assertThat(browser.get("/api/users").body()).isEqualTo("[\"frodo\",\"sam\"]");
    assertThat(browser.get("/api/greet").body()).isEqualTo("Hello frodo");

    HttpResponse<String> logout = browser.postJson("/api/logout", "");
    assertThat(logout.body()).isEqualTo("{\"loggedOut\":true}");
    assertThat(browser.cookie).isNull();
    Client replay = new Client(port);
    replay.cookie = session;
    assertThat(replay.get("/api/users").statusCode()).isEqualTo(401);
  }

  @Test
  void healthAndMetricsShowTheSessionStore() throws Exception {
    Client browser = new Client(port);
    browser.postJson("/api/login", "{\"username\":\"sam\",\"password\":\"potatoes\"}");
    String health = browser.get("/actuator/health").body();
    assertThat(health).contains("\"sessionkit\":{\"details\":{\"store\":\"memory\"");
    assertThat(browser.get("/actuator/metrics/sessionkit.sessions.regenerated").statusCode())
        .isEqualTo(200);
    assertThat(browser.get("/actuator/metrics/sessionkit.sessions.live").body())
        .contains("\"VALUE\"");
  }
}
