package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SetCookie;
import dev.sessionkit.internal.SetCookieParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real thing: the Java example with {@code SESSION_COMPAT=express} and the Node app in {@code
 * examples/node-interop} (express-session with connect-redis or connect-pg-simple, from npm) on one
 * store and one list of secrets, driven by one client that holds one {@code connect.sid} cookie, as
 * a browser does for two apps on one host. One subclass per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeInteropContract {

  private static final String SECRETS =
      "a node interop secret that is long enough for both sides,an older secret that still verifies";
  private static final Path NODE_APP = Path.of("node-interop");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The environment of both apps for this store; skips when the store is absent. */
  protected abstract Map<String, String> storeEnvironment();

  /** What the Node app needs beyond the Java app's environment to reach the same store. */
  protected abstract Map<String, String> nodeEnvironment(Map<String, String> store);

  private ExampleApp java;
  private Process node;
  private URI nodeUri;

  @BeforeAll
  void start() throws Exception {
    skipWithoutNode();
    Map<String, String> store = storeEnvironment();
    Map<String, String> env = new HashMap<>(store);
    env.put("PORT", "0");
    env.put("SESSION_SECRET", SECRETS);
    env.put("SESSION_COMPAT", "express");
    env.put("PBKDF2_ITERATIONS", "10000");
    java = ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());

    ProcessBuilder pb = new ProcessBuilder("node", "server.mjs").directory(NODE_APP.toFile());
    pb.environment().putAll(nodeEnvironment(store));
    pb.environment().put("PORT", "0");
    pb.environment().put("SESSION_SECRET", SECRETS);
    pb.redirectErrorStream(true);
    node = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> listening =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("listening ")) {
                    return line.substring("listening ".length()).trim();
                  }
                  seen.append(line).append('\n');
                }
              } catch (IOException e) {
                seen.append(e);
              }
              throw new IllegalStateException("the Node app did not start:\n" + seen);
            });
    String port = listening.get(30, TimeUnit.SECONDS);
    nodeUri = URI.create("http://127.0.0.1:" + port + "/");
    // Keep draining its output, so that the process never blocks on a full pipe.
    CompletableFuture.runAsync(() -> out.lines().forEach(line -> {}));
  }

  private static void skipWithoutNode() {
    String enable = " To run it: install Node.js 18+ and run `npm ci` in examples/node-interop.";
    boolean hasNode;
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      hasNode = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      hasNode = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hasNode = false;
    }
    skip(!hasNode, "Node interop tests skipped: `node` is not on the PATH." + enable);
    skip(
        !Files.isDirectory(NODE_APP.resolve("node_modules")),
        "Node interop tests skipped: examples/node-interop/node_modules is missing." + enable);
  }

  static void skip(boolean when, String message) {
    if (when) {
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (node != null) {
      node.destroy();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    if (java != null) {
      java.close();
    }
  }

  /** One browser: one connect.sid cookie, for both apps on one host. */
  final class Browser {
    String cookie;

    JsonNode send(URI app, String method, String path, String body, int status) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(app.resolve(path))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (cookie != null) {
        b.header("Cookie", "connect.sid=" + cookie);
      }
      try {
        HttpResponse<String> reply = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : reply.headers().allValues("Set-Cookie")) {
          SetCookie c = SetCookieParser.parse(header).orElseThrow();
          if (c.name().equals("connect.sid")) {
            cookie = c.isClearing() ? null : c.value();
          }
        }
        assertThat(reply.statusCode()).as(method + " " + app.resolve(path)).isEqualTo(status);
        return JSON.readTree(reply.body());
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    JsonNode login(URI app, String user, String password) {
      return send(
          app,
          "POST",
          "/api/login",
          "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
          200);
    }
  }

  @Test
  void aLoginOnNodeIsALoginOnJavaAndALogoutOnJavaEndsItOnNode() {
    Browser b = new Browser();
    b.login(nodeUri, "frodo", "mellon");
    assertThat(b.cookie).startsWith("s%3A");
    assertThat(b.send(java.uri(), "GET", "/api/me", null, 200).path("user").asString())
        .isEqualTo("frodo");
    assertThat(b.send(nodeUri, "GET", "/api/me", null, 200).path("user").asString())
        .isEqualTo("frodo");
    String held = b.cookie;
    b.send(java.uri(), "POST", "/api/logout", null, 200);
    b.cookie = held; // a copy of the cookie is worth nothing after the logout
    b.send(nodeUri, "GET", "/api/me", null, 401);
    b.send(java.uri(), "GET", "/api/me", null, 401);
  }

  @Test
  void aLoginOnJavaIsALoginOnNodeAndALogoutOnNodeEndsItOnJava() {
    Browser b = new Browser();
    b.login(java.uri(), "sam", "potatoes");
    assertThat(b.send(nodeUri, "GET", "/api/me", null, 200).path("user").asString())
        .isEqualTo("sam");
    String held = b.cookie;
    b.send(nodeUri, "POST", "/api/logout", null, 200);
    b.cookie = held;
    b.send(java.uri(), "GET", "/api/me", null, 401);
    b.send(nodeUri, "GET", "/api/me", null, 401);
  }

  @Test
  void eachSideKeepsTheOthersAttributes() {
    Browser b = new Browser();
    b.login(java.uri(), "frodo", "mellon");
    assertVisits(b.send(java.uri(), "POST", "/api/visits", null, 200), 1, 0);
    assertVisits(b.send(nodeUri, "POST", "/api/visits", null, 200), 1, 1);
    assertVisits(b.send(java.uri(), "POST", "/api/visits", null, 200), 2, 1);
    assertVisits(b.send(nodeUri, "POST", "/api/visits", null, 200), 2, 2);
    assertThat(b.send(java.uri(), "GET", "/api/me", null, 200).path("user").asString())
        .as("the login Java recorded survives Node's writes")
        .isEqualTo("frodo");
  }

  private static void assertVisits(JsonNode reply, int java, int node) {
    assertThat(reply.path("javaVisits").asInt()).isEqualTo(java);
    assertThat(reply.path("nodeVisits").asInt()).isEqualTo(node);
  }
}
