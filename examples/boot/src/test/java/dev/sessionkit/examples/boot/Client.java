package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser without redirects: one cookie jar slot for {@code sid}, set by hand, and Spring
 * Security's CSRF token sent in its header on every unsafe request, as the page's script does.
 */
final class Client {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CSRF_FIELD =
      Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  String cookie;

  Client(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** A JSON post with the session's CSRF token, as the page's script sends it. */
  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return postJsonWithout(path, json, csrfHeader());
  }

  /** A JSON post with the given headers only (none: as a cross-site page would send it). */
  HttpResponse<String> postJsonWithout(String path, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(request);
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).DELETE();
    csrfHeader().forEach(request::header);
    return send(request);
  }

  /** Spring Security's form login, from its own login page. */
  HttpResponse<String> formLogin(String user, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> page = get("/login");
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher field = CSRF_FIELD.matcher(page.body());
    assertThat(field.find()).as("a CSRF field on the login page").isTrue();
    String form =
        Map.of("username", user, "password", password, "_csrf", field.group(1)).entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** The header that carries this session's CSRF token. */
  Map<String, String> csrfHeader() throws IOException, InterruptedException {
    JsonNode token = JSON.readTree(get("/api/csrf").body());
    return Map.of(token.path("headerName").asString(), token.path("token").asString());
  }

  JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    setCookie(response).ifPresent(value -> cookie = value.endsWith("=") ? null : value);
    return response;
  }

  /** The {@code sid=value} a response sets, if any; {@code sid=} when it clears the cookie. */
  static Optional<String> setCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith("sid="))
        .map(header -> header.substring(0, header.indexOf(';')))
        .findFirst();
  }
}
