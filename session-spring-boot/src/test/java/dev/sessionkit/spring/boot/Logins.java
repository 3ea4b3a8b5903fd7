package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the tests of {@link CapApp} do over HTTP: log in by the form, ask who, list by Actuator. */
final class Logins {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Http http;

  Logins(Http http) {
    this.http = http;
  }

  /** Posts the login form with a fresh page's cookie and CSRF token; the answer as it comes. */
  HttpResponse<String> attempt(String user, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> page = http.get("/login", null);
    String before = Http.cookie(page, "sid").orElseThrow();
    return http.postForm(
        "/login",
        before,
        Map.of("username", user, "password", password, "_csrf", Http.csrf(page.body())));
  }

  /** Logs in and returns the session cookie ({@code sid=...}) of the login. */
  String login(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> login = attempt(user, password);
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/me"));
    return Http.cookie(login, "sid").orElseThrow();
  }

  /** Who is logged in to a cookie's session; fails unless someone is. */
  String me(String cookie) throws IOException, InterruptedException {
    HttpResponse<String> me = http.get("/me", cookie);
    assertThat(me.statusCode()).isEqualTo(200);
    return me.body();
  }

  /** Where a cookie's request to {@code /me} is redirected: a login page, the expired page. */
  String redirectOf(String cookie) throws IOException, InterruptedException {
    HttpResponse<String> me = http.get("/me", cookie);
    assertThat(me.statusCode()).isEqualTo(302);
    return me.headers().firstValue("Location").orElseThrow();
  }

  /** A user's sessions as {@code GET /actuator/sessions?username=} lists them. */
  JsonNode sessionsOf(String user) throws IOException, InterruptedException {
    HttpResponse<String> list = http.get("/actuator/sessions?username=" + user, null);
    assertThat(list.statusCode()).isEqualTo(200);
    return JSON.readTree(list.body()).path("sessions");
  }
}
