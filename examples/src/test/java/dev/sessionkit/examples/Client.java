package dev.sessionkit.examples;

import dev.sessionkit.SetCookie;
import dev.sessionkit.internal.SetCookieParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A client over real HTTP without a cookie manager: it keeps the session cookie itself. */
final class Client {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  String sid;

  /** The User-Agent this client sends, or null for the JDK's own. */
  String userAgent;

  Client(URI base) {
    this.base = base;
  }

  record Reply(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    List<SetCookie> sessionCookies() {
      return response.headers().allValues("Set-Cookie").stream()
          .flatMap(h -> SetCookieParser.parse(h).stream())
          .filter(c -> c.name().equals("sid"))
          .toList();
    }
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply postForm(String path, String form) {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  /** Any method, with extra headers given as name, value, name, value. */
  Reply send(String method, String path, String form, String... headers) {
    HttpRequest.Builder b =
        request(path)
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  Reply login(String user, String password) {
    return postJson(
        "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (sid != null) {
      b.header("Cookie", "sid=" + sid);
    }
    if (userAgent != null) {
      b.header("User-Agent", userAgent);
    }
    return b;
  }

  private Reply send(HttpRequest.Builder b) {
    try {
      Reply reply = new Reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
      List<SetCookie> cookies = reply.sessionCookies();
      if (cookies.size() > 1) {
        throw new AssertionError("more than one session cookie in one response");
      }
      cookies.forEach(c -> sid = c.isClearing() ? null : c.value());
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
