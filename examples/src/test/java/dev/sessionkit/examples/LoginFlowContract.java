package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SetCookie;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed notes' flow (login, protected resource, logout) over real HTTP against the running
 * example, once per session store: one contract, one subclass per {@code SESSION_STORE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginFlowContract {

  static final String SECRET = "an example test secret that is long enough to sign cookies";

  static final String FIREFOX_ON_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
  static final String CHROME_ON_ANDROID =
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/140.0.0.0 Mobile Safari/537.36";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The environment that selects the store; a subclass skips when its server is absent. */
  protected abstract Map<String, String> storeEnvironment();

  /**
   * Whether the server can end a session a client still holds a copy of: true for every store;
   * false for sealed client-side sessions, where an old cookie stays valid until it expires.
   */
  protected boolean serverCanRevoke() {
    return true;
  }

  /** What a copy of an ended session's cookie gets from a protected resource. */
  private int replayStatus() {
    return serverCanRevoke() ? 401 : 200;
  }

  ExampleApp app;

  @BeforeAll
  void start() {
    Map<String, String> env = new java.util.HashMap<>(storeEnvironment());
    env.put("PORT", "0");
    env.put("SESSION_SECRET", SECRET);
    // Fewer PBKDF2 rounds than the default only to keep the build fast; the code path is the same.
    env.put("PBKDF2_ITERATIONS", "10000");
    env.put("RECORD_DEVICE", "true");
    app = ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  Client client() {
    return new Client(app.uri());
  }

  @Test
  void loginAnswers200WithAFreshCookieAndRegeneratesTheId() {
    Client c = client();
    Client.Reply first = c.login("frodo", "mellon");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"user\":\"frodo\"}");
    SetCookie cookie = first.sessionCookies().get(0);
    assertThat(cookie.httpOnly()).isTrue();
    assertThat(cookie.secure()).as("SecureMode.AUTO on plain http").isFalse();
    String before = c.sid;

    Client.Reply again = c.login("frodo", "mellon");
    assertThat(again.status()).isEqualTo(200);
    assertThat(c.sid).as("a login always issues a new id").isNotEqualTo(before);

    Client old = client();
    old.sid = before;
    assertThat(old.get("/api/me").status())
        .as("the pre-login id is dead where the server can revoke it")
        .isEqualTo(replayStatus());
    assertThat(c.get("/api/me").body()).contains("\"user\":\"frodo\"");
  }

  @Test
  void theLoginFormsRedirectSaysWelcomeBackOnceAndAReloadDoesNot() {
    Client c = client();
    Client.Reply loggedIn = c.postForm("/login", "username=frodo&password=mellon");
    assertThat(loggedIn.status()).isEqualTo(303);
    assertThat(loggedIn.header("Location")).contains("/sessions");

    assertThat(c.get("/sessions").body())
        .contains("<p id=\"welcome\" class=\"notice\" role=\"status\">Welcome back, frodo</p>");
    Client.Reply reload = c.get("/sessions");
    assertThat(reload.status()).isEqualTo(200);
    assertThat(reload.body()).doesNotContain("Welcome back");
  }

  @Test
  void protectedResourceNeedsALogin() {
    Client c = client();
    Client.Reply anonymous = c.get("/api/users");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    c.login("frodo", "mellon");
    Client.Reply users = c.get("/api/users");
    assertThat(users.status()).isEqualTo(200);
    assertThat(users.body()).isEqualTo("[\"frodo\",\"sam\"]");
  }

  @Test
  void everyOneOfFiftyParallelLogoutsOfOneSessionClearsTheCookie() throws Exception {
    Client c = client();
    c.login("frodo", "mellon");
    String loggedIn = c.sid;
    ExecutorService tabs = Executors.newFixedThreadPool(16);
    try {
      List<Future<Client.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        replies.add(
            tabs.submit(
                () -> {
                  Client tab = client();
                  tab.sid = loggedIn;
                  return tab.postJson("/api/logout", "");
                }));
      }
      for (Future<Client.Reply> reply : replies) {
        Client.Reply logout = reply.get(60, TimeUnit.SECONDS);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.sessionCookies())
            .as("the answer to each logout, the ones that lost the race included")
            .singleElement()
            .matches(SetCookie::isClearing);
      }
    } finally {
      tabs.shutdownNow();
    }
    Client replay = client();
    replay.sid = loggedIn;
    assertThat(replay.get("/api/me").status()).isEqualTo(replayStatus());
  }

  @Test
  void logoutDeletesTheSessionAndClearsTheCookie() {
    Client c = client();
    c.login("frodo", "mellon");
    String loggedIn = c.sid;
    Client.Reply logout = c.postJson("/api/logout", "");
    assertThat(logout.status()).isEqualTo(200);
    assertThat(logout.sessionCookies()).singleElement().matches(SetCookie::isClearing);
    Client replay = client();
    replay.sid = loggedIn;
    assertThat(replay.get("/api/users").status()).isEqualTo(replayStatus());
    assertThat(replay.get("/api/me").status()).isEqualTo(replayStatus());
    assertThat(c.get("/api/users").status()).as("the browser that logged out").isEqualTo(401);
  }

  /** A client logged in as {@code user} from a browser of that User-Agent. */
  Client loggedIn(String user, String password, String userAgent) {
    Client c = client();
    c.userAgent = userAgent;
    assertThat(c.login(user, password).status()).isEqualTo(200);
    return c;
  }

  static JsonNode sessions(Client c) {
    Client.Reply reply = c.get("/api/sessions");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    return JSON.readTree(reply.body()).path("sessions");
  }

  static String idOf(Client c) {
    return c.sid.substring(0, c.sid.indexOf('.'));
  }

  @Test
  void yourSessionsListsEachDeviceAndLogsOutAnotherByItsHandle() {
    Client laptop = loggedIn("frodo", "mellon", FIREFOX_ON_LINUX);
    if (!serverCanRevoke()) {
      Client.Reply refused = laptop.get("/api/sessions");
      assertThat(refused.status()).isEqualTo(501);
      assertThat(refused.body()).contains("sealed in its own cookie");
      assertThat(laptop.get("/sessions").body()).contains("sealed in its own cookie");
      return;
    }
    // Sessions of frodo left by other tests (and, on a shared server, earlier runs) end here.
    assertThat(laptop.postJson("/api/logout-others", "").status()).isEqualTo(200);
    Client phone = loggedIn("frodo", "mellon", CHROME_ON_ANDROID);

    Client.Reply listed = laptop.get("/api/sessions");
    assertThat(listed.body())
        .as("a handle is neither the id nor the cookie")
        .doesNotContain(idOf(laptop), idOf(phone));
    JsonNode both = sessions(laptop);
    assertThat(both).hasSize(2);
    JsonNode own = both.get(0).path("current").asBoolean() ? both.get(0) : both.get(1);
    JsonNode other = own == both.get(0) ? both.get(1) : both.get(0);
    assertThat(own.path("current").asBoolean()).isTrue();
    assertThat(other.path("current").asBoolean()).isFalse();
    assertThat(own.path("device").asString()).isEqualTo("Firefox on Linux");
    assertThat(other.path("device").asString()).isEqualTo("Chrome on Android");
    assertThat(own.path("handle").asString()).matches("[A-Za-z0-9_-]{22}");
    assertThat(own.path("createdAt").asString()).isNotBlank();
    assertThat(sessions(phone).findValuesAsString("handle"))
        .as("both devices see the same sessions")
        .containsExactlyInAnyOrderElementsOf(both.findValuesAsString("handle"));

    Client.Reply ended = laptop.delete("/api/sessions/" + other.path("handle").asString());
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.body()).isEqualTo("{\"loggedOut\":1,\"current\":false}");
    assertThat(phone.get("/api/me").status()).as("the phone is logged out").isEqualTo(401);
    assertThat(sessions(laptop))
        .singleElement()
        .satisfies(s -> assertThat(s.path("current").asBoolean()).isTrue());
    assertThat(laptop.delete("/api/sessions/" + other.path("handle").asString()).status())
        .as("an ended session is not found again")
        .isEqualTo(404);

    Client.Reply self = laptop.delete("/api/sessions/" + own.path("handle").asString());
    assertThat(self.body()).isEqualTo("{\"loggedOut\":1,\"current\":true}");
    assertThat(self.sessionCookies()).singleElement().matches(SetCookie::isClearing);
    assertThat(laptop.get("/api/sessions").status()).isEqualTo(401);
  }

  @Test
  void yourSessionsAnswers401WithoutALoginAnd404ForEveryHandleThatIsNotYours() {
    Client anonymous = client();
    for (Client.Reply r :
        List.of(
            anonymous.get("/api/sessions"),
            anonymous.delete("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA"),
            anonymous.postJson("/api/logout-others", ""))) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
    assertThat(anonymous.sid).as("asking made no session").isNull();
    if (!serverCanRevoke()) {
      return; // the rest needs a list; the first test checks the 501 of sealed sessions
    }
    Client sam = loggedIn("sam", "potatoes", FIREFOX_ON_LINUX);
    String samsHandle = sessions(sam).get(0).path("handle").asString();
    Client frodo = loggedIn("frodo", "mellon", FIREFOX_ON_LINUX);
    Client gone = loggedIn("frodo", "mellon", CHROME_ON_ANDROID);
    String goneHandle = "";
    for (JsonNode s : sessions(gone)) {
      goneHandle = s.path("current").asBoolean() ? s.path("handle").asString() : goneHandle;
    }
    gone.postJson("/api/logout", "");

    List<String> hostile =
        List.of(
            samsHandle,
            goneHandle,
            "AAAAAAAAAAAAAAAAAAAAAA",
            samsHandle.substring(1) + "A",
            "not-a-handle",
            "x".repeat(2000),
            frodo.sid,
            idOf(frodo),
            "%E2%80%AE%3Cscript%3E",
            "a/b");
    for (String handle : hostile) {
      Client.Reply r = frodo.delete("/api/sessions/" + handle);
      assertThat(r.status()).as(handle).isEqualTo(404);
      assertThat(r.body()).as(handle).isEqualTo("{\"error\":\"no such session\"}");
    }
    for (String ambiguous : List.of("%25%30%30", "a%2Fb", "%2E%2E")) {
      Client.Reply r = frodo.delete("/api/sessions/" + ambiguous);
      assertThat(r.status()).as("Jetty refuses %s before the app", ambiguous).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"bad request\"}");
    }
    assertThat(sam.get("/api/me").status()).as("sam's session lives on").isEqualTo(200);
    assertThat(frodo.get("/api/me").status()).isEqualTo(200);
  }
}
