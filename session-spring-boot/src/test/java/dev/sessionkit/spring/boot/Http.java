package dev.sessionkit.spring.boot;

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

/** Plain HTTP to the running application: no redirects followed, cookies sent by hand. */
final class Http {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postForm(String path, String cookie, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).DELETE();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20));
  }

  /** The CSRF token of the hidden {@code _csrf} field Spring Security renders in a page's form. */
  static String csrf(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("no CSRF field in " + page);
    }
    return matcher.group(1);
  }

  /** The {@code name=value} of the cookie a response sets, if it sets one of that name. */
  static Optional<String> cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith(name + "="))
        .map(
            header ->
                header.substring(
                    0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
        .findFirst();
  }
}
