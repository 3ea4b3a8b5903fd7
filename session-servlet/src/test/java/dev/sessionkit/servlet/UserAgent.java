package dev.sessionkit.servlet;

import dev.sessionkit.SetCookie;
import dev.sessionkit.internal.SetCookieParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client over real HTTP, without a cookie manager: it reads {@code Set-Cookie} itself and keeps
 * the session cookie as a browser would.
 */
final class UserAgent {

  static final String COOKIE = "sid";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private String sid;

  UserAgent(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** The reply of one request, with the session cookies it set. */
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

    List<String> headers(String name) {
      return response.headers().allValues(name);
    }

    List<SetCookie> cookies(String name) {
      List<SetCookie> found = new ArrayList<>();
      for (String h : headers("Set-Cookie")) {
        SetCookieParser.parse(h).filter(c -> c.name().equals(name)).ifPresent(found::add);
      }
      return found;
    }

    /** The one session cookie of this reply, if any; fails on more than one. */
    Optional<SetCookie> sessionCookie() {
      List<SetCookie> all = cookies(COOKIE);
      if (all.size() > 1) {
        throw new AssertionError("more than one session cookie: " + headers("Set-Cookie"));
      }
      return all.stream().findFirst();
    }
  }

  String sid() {
    return sid;
  }

  void sid(String value) {
    this.sid = value;
  }

  Reply get(String path, String... headers) {
    return send("GET", path, headers);
  }

  Reply post(String path, String... headers) {
    return send("POST", path, headers);
  }

  /** Sends a request with this agent's cookie plus extra header name/value pairs. */
  Reply send(String method, String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (sid != null) {
      b.header("Cookie", COOKIE + "=" + sid);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      Reply reply = new Reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
      reply.sessionCookie().ifPresent(c -> sid = c.isClearing() ? null : c.value());
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
