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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * examples/node-interop} (express-session with connect-redis or connect-pg-simple, from npm, with
 * their defaults: {@code resave: false}, touch on) on one store and one list of secrets, driven by
 * one client that holds one {@code connect.sid} cookie, as a browser does for two apps on one host.
 * A second Node app stands for the deployment before the move, whose only secret is the short
 * {@code keyboard cat}. Where the store's layout indexes a user's sessions, a second Java node with
 * a cap of one session per user shows the cap ending a Node login. One subclass per store.
 *
 * <p>Both sides run with an idle timeout of {@value #IDLE_SECONDS} s (Node's {@code cookie.maxAge}
 * the same), so that the tests of activity on one side can outlast it in real time: the apps are
 * real processes with real clocks, so those tests wait, in steps of a quarter of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeInteropContract {

  /** The short secret of the Node deployment that was there first. */
  private static final String LEGACY_SECRET = "keyboard cat";

  private static final String SECRETS =
      "a node interop secret that is long enough for both sides," + LEGACY_SECRET;

  /** The idle timeout of both sides: short, so that the touch tests can outlast it. */
  static final int IDLE_SECONDS = 6;

  private static final Duration STEP = Duration.ofMillis(IDLE_SECONDS * 1000L / 4);
  private static final Path NODE_APP = Path.of("node-interop");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The environment of both apps for this store; skips when the store is absent. */
  protected abstract Map<String, String> storeEnvironment();

  /** What the Node app needs beyond the Java app's environment to reach the same store. */
  protected abstract Map<String, String> nodeEnvironment(Map<String, String> store);

  /** Whether the store's express layout indexes a user's sessions ("your sessions", the cap). */
  protected boolean indexesSessions() {
    return false;
  }

  private ExampleApp java;

  /** A second Java node on the same store, with a cap of one session per user. */
  private ExampleApp capped;

  private final List<Process> nodes = new ArrayList<>();
  private URI nodeUri;
  private URI legacyNodeUri;

  @BeforeAll
  void start() throws Exception {
    skipWithoutNode();
    Map<String, String> store = storeEnvironment();
    Map<String, String> env = new HashMap<>(store);
    env.put("PORT", "0");
    env.put("SESSION_SECRET", SECRETS);
    env.put("SESSION_COMPAT", "express");
    env.put("SESSION_IDLE_SECONDS", Integer.toString(IDLE_SECONDS));
    env.put("PBKDF2_ITERATIONS", "10000");
    java = ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());
    if (indexesSessions()) {
      env.put("MAX_SESSIONS_PER_USER", "1");
      capped = ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());
    }
    nodeUri = startNode(nodeEnvironment(store), SECRETS);
    legacyNodeUri = startNode(nodeEnvironment(store), LEGACY_SECRET);
  }

  /** Starts the Node app on a free port and answers its address once it listens. */
  private URI startNode(Map<String, String> store, String secrets) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("node", "server.mjs").directory(NODE_APP.toFile());
    pb.environment().putAll(store);
    pb.environment().put("PORT", "0");
    pb.environment().put("SESSION_SECRET", secrets);
    pb.environment().put("SESSION_IDLE_SECONDS", Integer.toString(IDLE_SECONDS));
    pb.redirectErrorStream(true);
    Process node = pb.start();
    nodes.add(node);
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
    // Keep draining its output, so that the process never blocks on a full pipe.
    CompletableFuture.runAsync(() -> out.lines().forEach(line -> {}));
    return URI.create("http://127.0.0.1:" + port + "/");
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
    for (Process node : nodes) {
      node.destroy();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    if (java != null) {
      java.close();
    }
    if (capped != null) {
      capped.close();
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

  @Test
  void aCookieAndRecordNodeMadeUnderAShortOlderSecretAreServedByJava() {
    Browser b = new Browser();
    b.login(legacyNodeUri, "frodo", "mellon");
    assertThat(b.send(java.uri(), "GET", "/api/me", null, 200).path("user").asString())
        .isEqualTo("frodo");
    b.send(java.uri(), "GET", "/api/users", null, 200);
    assertThat(b.send(nodeUri, "GET", "/api/me", null, 200).path("user").asString())
        .as("Node after the move lists the old secret too")
        .isEqualTo("frodo");
  }

  @Test
  void aLoginOnNodePassesRequireSessionOnJava() {
    Browser b = new Browser();
    b.send(java.uri(), "GET", "/api/users", null, 401);
    b.login(nodeUri, "sam", "potatoes");
    b.send(java.uri(), "GET", "/api/users", null, 200);
    b.send(nodeUri, "POST", "/api/logout", null, 200);
    b.send(java.uri(), "GET", "/api/users", null, 401);
  }

  @Test
  void activityOnlyOnNodeKeepsTheSessionAliveOnJava() throws InterruptedException {
    Browser b = new Browser();
    b.login(java.uri(), "frodo", "mellon");
    useFor(b, nodeUri);
    assertThat(b.send(java.uri(), "GET", "/api/me", null, 200).path("user").asString())
        .as("past the idle timeout since Java last saw it")
        .isEqualTo("frodo");
    // Unused for longer than the idle timeout, it ends (on Node, connect-redis keeps the key for
    // the TTL's few seconds of slack beyond that end, so only Java is asked).
    Thread.sleep((IDLE_SECONDS + 2) * 1000L);
    b.send(java.uri(), "GET", "/api/me", null, 401);
  }

  @Test
  void activityOnlyOnJavaKeepsTheSessionAliveOnNode() throws InterruptedException {
    Browser b = new Browser();
    b.login(nodeUri, "sam", "potatoes");
    useFor(b, java.uri());
    assertThat(b.send(nodeUri, "GET", "/api/me", null, 200).path("user").asString())
        .as("past the idle timeout since Node last saw it")
        .isEqualTo("sam");
  }

  /** Uses the session on one side only, a quarter of the idle timeout apart, for 1.5 times it. */
  private void useFor(Browser b, URI app) throws InterruptedException {
    for (int i = 0; i < 6; i++) {
      Thread.sleep(STEP.toMillis());
      b.send(app, "GET", "/api/me", null, 200);
    }
  }

  private static void assertVisits(JsonNode reply, int java, int node) {
    assertThat(reply.path("javaVisits").asInt()).isEqualTo(java);
    assertThat(reply.path("nodeVisits").asInt()).isEqualTo(node);
  }

  private void skipUnlessIndexed() {
    skip(
        !indexesSessions(),
        getClass().getSimpleName() + ": this express layout keeps no index of a user's sessions");
  }

  /** The handles "your sessions" on Java lists for the browser's user. */
  private static List<String> handles(JsonNode sessions) {
    List<String> out = new ArrayList<>();
    sessions.path("sessions").forEach(s -> out.add(s.path("handle").asString()));
    return out;
  }

  private static String current(JsonNode sessions) {
    for (JsonNode s : sessions.path("sessions")) {
      if (s.path("current").asBoolean()) {
        return s.path("handle").asString();
      }
    }
    throw new AssertionError("no current session in " + sessions);
  }

  /** A browser that logged in on Node and then made one request to a Java node. */
  private Browser nodeLoginSeenBy(URI javaApp, String user, String password) {
    Browser b = new Browser();
    b.login(nodeUri, user, password);
    b.send(javaApp, "GET", "/api/me", null, 200);
    return b;
  }

  @Test
  void aLoginOnNodeIsListedInYourSessionsOnceJavaHasLoadedIt() {
    skipUnlessIndexed();
    Browser a = nodeLoginSeenBy(java.uri(), "sam", "potatoes");
    Browser b = new Browser();
    b.login(nodeUri, "sam", "potatoes");
    List<String> before = handles(a.send(java.uri(), "GET", "/api/sessions", null, 200));

    b.send(java.uri(), "GET", "/api/me", null, 200);
    String bHandle = current(b.send(java.uri(), "GET", "/api/sessions", null, 200));
    assertThat(before).as("a Node login Java has not seen yet").doesNotContain(bHandle);
    assertThat(handles(a.send(java.uri(), "GET", "/api/sessions", null, 200))).contains(bHandle);
  }

  @Test
  void loggingOutEverywhereElseOnJavaEndsTheNodeLogin() {
    skipUnlessIndexed();
    Browser node = nodeLoginSeenBy(java.uri(), "frodo", "mellon");
    Browser other = new Browser();
    other.login(java.uri(), "frodo", "mellon");

    other.send(java.uri(), "POST", "/api/logout-others", null, 200);

    node.send(nodeUri, "GET", "/api/me", null, 401);
    node.send(java.uri(), "GET", "/api/me", null, 401);
    other.send(nodeUri, "GET", "/api/me", null, 200);
  }

  @Test
  void aCapOfOneEndsTheOlderNodeLoginOnANewLogin() {
    skipUnlessIndexed();
    Browser older = nodeLoginSeenBy(capped.uri(), "sam", "potatoes");
    Browser newer = nodeLoginSeenBy(capped.uri(), "sam", "potatoes");

    older.send(nodeUri, "GET", "/api/me", null, 401);
    newer.send(nodeUri, "GET", "/api/me", null, 200);
    newer.login(capped.uri(), "sam", "potatoes");
    assertThat(handles(newer.send(capped.uri(), "GET", "/api/sessions", null, 200))).hasSize(1);
  }
}
