package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SetCookie;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The example with its default, in-memory store, and what only the HTTP surface shows. */
class ExampleAppIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    return Map.of();
  }

  /** A clock the test moves, so that id renewal is reached without waiting for it. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aHandleListedBeforeTheOtherDeviceGotANewIdStillLogsItOut() {
    MovableClock clock = new MovableClock();
    Map<String, String> env =
        Map.of("PORT", "0", "SESSION_SECRET", SECRET, "PBKDF2_ITERATIONS", "10000");
    try (ExampleApp renewing = ExampleApp.start(ExampleConfig.from(env), clock)) {
      Client laptop = new Client(renewing.uri());
      Client phone = new Client(renewing.uri());
      assertThat(laptop.login("frodo", "mellon").status()).isEqualTo(200);
      assertThat(phone.login("frodo", "mellon").status()).isEqualTo(200);
      String phoneHandle = null;
      for (JsonNode listed : sessions(laptop)) {
        if (!listed.path("current").asBoolean()) {
          phoneHandle = listed.path("handle").asString();
        }
      }
      String phoneId = phone.sid;

      clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
      assertThat(phone.get("/api/me").status()).isEqualTo(200);
      assertThat(phone.sid).as("the phone's session got a new id").isNotEqualTo(phoneId);
      clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);

      Client.Reply ended = laptop.delete("/api/sessions/" + phoneHandle);
      assertThat(ended.body()).isEqualTo("{\"loggedOut\":1,\"current\":false}");
      assertThat(phone.get("/api/me").status()).as("the phone is logged out").isEqualTo(401);
    }
  }

  @Test
  void wrongPasswordAnswers401AndChangesNothing() {
    Client anonymous = client();
    Client.Reply refused = anonymous.login("frodo", "friend");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"error\":\"invalid credentials\"}");
    assertThat(refused.sessionCookies()).isEmpty();

    Client c = client();
    c.login("frodo", "mellon");
    String sid = c.sid;
    Client.Reply wrong = c.login("frodo", "wrong");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.sessionCookies()).isEmpty();
    assertThat(c.sid).isEqualTo(sid);
    assertThat(c.get("/api/me").status()).as("still logged in").isEqualTo(200);

    assertThat(client().login("sauron", "mellon").status()).isEqualTo(401);
  }

  @Test
  void malformedLoginsAreBadRequestsNotErrors() {
    assertThat(client().postJson("/api/login", "{not json").status()).isEqualTo(400);
    assertThat(client().postJson("/api/login", "{\"username\":\"frodo\"}").status()).isEqualTo(400);
    assertThat(client().postJson("/api/login", "[1,2]").status()).isEqualTo(400);
  }

  @Test
  void aFormPostLogsInToo() {
    Client c = client();
    Client.Reply reply = c.postForm("/api/login", "username=frodo&password=mellon");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(c.get("/api/users").status()).isEqualTo(200);
  }

  @Test
  void meAndGreetReadTheSession() {
    Client c = client();
    assertThat(c.get("/api/me").status()).isEqualTo(401);
    assertThat(c.get("/api/greet").body()).isEqualTo("Hello stranger");
    c.login("frodo", "mellon");
    Client.Reply me = c.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body())
        .contains("\"user\":\"frodo\"")
        .contains("\"createdAt\":")
        .contains("\"idleDeadline\":")
        .contains("\"absoluteDeadline\":");
    assertThat(c.get("/api/greet").body()).isEqualTo("Hello frodo");
  }

  @Test
  void thePageLoadsItsScriptFromItsOwnOrigin() {
    Client.Reply page = client().get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<form id=\"login\"").contains("src=\"/app.js\"");
    assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    assertThat(page.sessionCookies()).as("no cookie before consent to log in").isEmpty();
    assertThat(client().get("/app.js").body()).contains("/api/login");
  }

  @Test
  void anUnreachableStoreStopsTheStartWithAClearMessage() {
    // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
    ExampleConfig config =
        ExampleConfig.from(
            Map.of(
                "PORT", "0",
                "SESSION_STORE", "redis",
                "REDIS_URI", "redis://127.0.0.1:1",
                "SESSION_SECRET", SECRET));
    assertThatThrownBy(() -> ExampleApp.start(config, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the redis session store is not reachable: ");
  }

  @Test
  void anUnknownSessionStoreStopsTheStartWithAClearMessage() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExampleApp.class.getName()));
    pb.environment().put("SESSION_STORE", "mongo");
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process ends").isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output)
        .contains("SESSION_STORE must be one of memory, redis, jdbc, cookie; got 'mongo'")
        .doesNotContain("\tat ");
  }

  /** Sends raw HTTP/1.1 requests on one kept-alive connection and returns each response's text. */
  private List<String> onOneConnection(String... requests) throws IOException {
    try (Socket socket = new Socket(app.uri().getHost(), app.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      List<String> responses = new ArrayList<>();
      for (String request : requests) {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        responses.add(readResponse(in));
      }
      return responses;
    }
  }

  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void traceIsRefusedAndEchoesNothing() throws IOException {
    String response =
        onOneConnection("TRACE /api/me HTTP/1.1\r\nHost: x\r\nCookie: sid=secret-value\r\n\r\n")
            .get(0);
    assertThat(response).startsWith("HTTP/1.1 405");
    assertThat(response).contains("{\"error\":\"method not allowed\"}");
    assertThat(response).doesNotContain("secret-value");
  }

  @Test
  void anUnknownCharsetOnLoginAnswers400JsonNotAStackTrace() throws IOException {
    String body = "username=frodo&password=mellon";
    String response =
        onOneConnection(
                "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type:"
                    + " application/x-www-form-urlencoded; charset=no-such-charset\r\n"
                    + "Content-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body)
            .get(0);
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("{\"error\":\"unsupported charset\"}");
    assertThat(response).doesNotContain("no-such-charset");
  }

  @Test
  void aCookieNameInOtherCaseIsNotTheSessionCookieEvenOnAKeptAliveConnection() throws IOException {
    Client c = client();
    c.login("frodo", "mellon");
    List<String> responses =
        onOneConnection(
            "GET /api/me HTTP/1.1\r\nHost: x\r\nCookie: sid=" + c.sid + "\r\n\r\n",
            "GET /api/me HTTP/1.1\r\nHost: x\r\nCookie: SID=" + c.sid + "\r\n\r\n");
    assertThat(responses.get(0)).startsWith("HTTP/1.1 200");
    assertThat(responses.get(1)).startsWith("HTTP/1.1 401");
  }

  private static String csrfOf(Client.Reply page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(page.body());
    assertThat(m.find()).as("the page carries a form token").isTrue();
    return m.group(1);
  }

  private static List<String> otherHandles(Client.Reply page) {
    Matcher m =
        Pattern.compile("<li class=\"session\" data-handle=\"([A-Za-z0-9_-]+)\"")
            .matcher(page.body());
    List<String> handles = new ArrayList<>();
    while (m.find()) {
      handles.add(m.group(1));
    }
    return handles;
  }

  @Test
  void theSessionsPageWorksWithPlainFormPostsAndRedirects() {
    Client laptop = client();
    laptop.userAgent = FIREFOX_ON_LINUX;
    Client.Reply toLogin = laptop.get("/sessions");
    assertThat(toLogin.status()).isEqualTo(303);
    assertThat(toLogin.header("Location")).contains("/login");
    assertThat(laptop.get("/login").body()).contains("<form method=\"post\" action=\"/login\"");

    Client.Reply loggedIn = laptop.postForm("/login", "username=frodo&password=mellon");
    assertThat(loggedIn.status()).isEqualTo(303);
    assertThat(loggedIn.header("Location")).contains("/sessions");
    String token = csrfOf(laptop.get("/sessions"));
    Client.Reply cleared = laptop.postForm("/sessions/logout-others", "csrf=" + token);
    assertThat(cleared.status()).isEqualTo(303);
    assertThat(cleared.header("Location").orElseThrow()).matches(".*/sessions\\?others=[0-9]+");

    Client phone = client();
    phone.userAgent = CHROME_ON_ANDROID;
    phone.postForm("/login", "username=frodo&password=mellon");
    Client.Reply page = laptop.get("/sessions");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(page.body())
        .contains("Firefox on Linux <span class=\"badge\">This device</span>")
        .contains("Chrome on Android")
        .doesNotContain(idOf(laptop), idOf(phone));
    List<String> others = otherHandles(page);
    assertThat(others).hasSize(1);

    assertThat(laptop.postForm("/sessions/logout", "handle=" + others.get(0)).status())
        .as("no form token")
        .isEqualTo(403);
    assertThat(
            laptop
                .postForm("/sessions/logout", "csrf=" + token + "x&handle=" + others.get(0))
                .status())
        .as("a wrong form token")
        .isEqualTo(403);
    assertThat(phone.get("/api/me").status()).as("refused posts end nothing").isEqualTo(200);

    Client.Reply ended =
        laptop.postForm("/sessions/logout", "csrf=" + token + "&handle=" + others.get(0));
    assertThat(ended.status()).isEqualTo(303);
    assertThat(ended.header("Location")).contains("/sessions?ended=1");
    assertThat(laptop.get("/sessions?ended=1").body()).contains("That session is logged out.");
    assertThat(phone.get("/api/me").status()).isEqualTo(401);
    assertThat(phone.get("/sessions").status()).as("the phone is sent to log in").isEqualTo(303);

    Client.Reply out = laptop.postForm("/logout", "csrf=" + token);
    assertThat(out.header("Location")).contains("/login?out=1");
    assertThat(out.sessionCookies()).singleElement().matches(SetCookie::isClearing);
  }

  @Test
  void aWrongPasswordOnTheLoginPageAnswers401WithTheFormAgain() {
    Client c = client();
    Client.Reply wrong = c.postForm("/login", "username=frodo&password=friend");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong user name or password.");
    assertThat(wrong.sessionCookies()).isEmpty();
    assertThat(c.postForm("/login", "username=&password=x").status()).isEqualTo(400);
  }

  @Test
  void statechangingRequestsFromAnotherOriginOrSiteAreRefused() {
    Client c = client();
    String form = "username=frodo&password=mellon";
    Client.Reply crossOrigin = c.send("POST", "/login", form, "Origin", "http://evil.example");
    assertThat(crossOrigin.status()).isEqualTo(403);
    assertThat(crossOrigin.body()).isEqualTo("{\"error\":\"cross-origin request refused\"}");
    assertThat(crossOrigin.sessionCookies()).as("no login happened").isEmpty();
    assertThat(c.send("POST", "/api/login", form, "Sec-Fetch-Site", "same-site").status())
        .as("a sibling subdomain is the same site, not the same origin")
        .isEqualTo(403);
    assertThat(c.send("POST", "/login", form, "Origin", "null").status()).isEqualTo(403);

    String self = "http://" + app.uri().getAuthority();
    Client.Reply sameOrigin =
        c.send("POST", "/login", form, "Origin", self, "Sec-Fetch-Site", "same-origin");
    assertThat(sameOrigin.status()).isEqualTo(303);
    assertThat(
            c.send(
                    "DELETE",
                    "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA",
                    null,
                    "Origin",
                    "http://evil.example")
                .status())
        .isEqualTo(403);
    assertThat(c.get("/api/me").status()).isEqualTo(200);
  }
}
