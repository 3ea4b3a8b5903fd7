package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SetCookie;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed notes' flow (login, protected resource, logout) over real HTTP against the running
 * example, once per session store: one contract, one subclass per {@code SESSION_STORE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginFlowContract {

  static final String SECRET = "an example test secret, long enough to sign cookies";

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
}
