package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SameSite;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SetCookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link SessionFilter} and {@link RequireSession} do over real HTTP, whatever the servlet
 * container: one contract, one subclass per container. Requests go through {@code
 * java.net.http.HttpClient} without a cookie manager; cookies are read from {@code Set-Cookie}.
 */
abstract class SessionFilterContract extends ServedApp {

  @Test
  void sessionLivesAcrossRequestsWithOneCookie() {
    UserAgent a = agent();
    UserAgent.Reply first = a.get("/app/counter");
    assertThat(first.body()).isEqualTo("1");
    SetCookie cookie = first.sessionCookie().orElseThrow();
    assertThat(cookie.httpOnly()).isTrue();
    assertThat(cookie.secure()).as("SecureMode.AUTO over plain HTTP").isFalse();
    assertThat(cookie.sameSite()).isEqualTo(SameSite.LAX);
    assertThat(cookie.path()).isEqualTo("/");

    UserAgent.Reply second = a.get("/app/counter");
    assertThat(second.body()).isEqualTo("2");
    assertThat(second.sessionCookie()).as("no rolling: the cookie is not sent again").isEmpty();
    assertThat(a.get("/app/counter").body()).isEqualTo("3");
  }

  @Test
  void aRenewedIdReachesTheBrowserAndTheOldOneServesRequestsInFlightForTheGrace() {
    UserAgent browser = agent();
    assertThat(browser.get("/app/counter").body()).isEqualTo("1");
    String old = browser.sid();
    clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
    // A parallel request of the same page, sent before the renewed cookie arrived.
    UserAgent inFlight = agent();
    inFlight.sid(old);

    UserAgent.Reply renewing = browser.get("/app/counter");
    assertThat(renewing.body()).isEqualTo("2");
    assertThat(renewing.sessionCookie().orElseThrow().value()).isNotEqualTo(old);
    assertThat(renewing.header("Cache-Control").orElseThrow()).contains("no-store");

    UserAgent.Reply late = inFlight.get("/app/counter");
    assertThat(late.body()).as("the old id leads to the renewed session").isEqualTo("3");
    assertThat(late.sessionCookie()).as("the old id is never sent again").isEmpty();
    assertThat(browser.get("/app/counter").body()).as("its write was kept").isEqualTo("4");

    clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);
    assertThat(inFlight.get("/app/counter").body()).as("after the grace").isEqualTo("1");
    assertThat(browser.get("/app/counter").body()).isEqualTo("5");
  }

  @Test
  void aRenewalDueWhenTheResponseHasAlreadyGoneOutWaitsForTheNextRequest() {
    UserAgent browser = agent();
    assertThat(browser.get("/app/counter").body()).isEqualTo("1");
    String old = browser.sid();
    clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);

    UserAgent.Reply late = browser.get("/app/late-counter");
    assertThat(late.body()).isEqualTo("sent");
    assertThat(late.sessionCookie()).as("too late for a cookie").isEmpty();
    clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);

    UserAgent.Reply next = browser.get("/app/counter");
    assertThat(next.body()).as("the id was kept, and the late write with it").isEqualTo("3");
    assertThat(next.sessionCookie().orElseThrow().value())
        .as("renewed now that a cookie can go out")
        .isNotEqualTo(old);
    assertThat(browser.get("/app/counter").body()).isEqualTo("4");
  }

  @Test
  void aRequestThatCrossesTheRenewalIntervalAfterItsAnswerKeepsTheClientsId() throws Exception {
    UserAgent browser = agent();
    assertThat(browser.get("/app/counter").body()).isEqualTo("1");
    String old = browser.sid();
    clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL.minusSeconds(1));
    app.release = new CountDownLatch(1);
    app.held = new CountDownLatch(1);

    // The whole answer arrives before the request ends; the renewal falls due in between.
    UserAgent.Reply answered = browser.get("/app/hold");
    assertThat(answered.body()).isEqualTo("held");
    assertThat(answered.sessionCookie()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    app.release.countDown();
    assertThat(app.held.await(10, TimeUnit.SECONDS)).as("the held request ended").isTrue();
    clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);

    UserAgent.Reply next = browser.get("/app/counter");
    assertThat(next.body()).as("still the client's session, under its old id").isEqualTo("3");
    assertThat(next.sessionCookie().orElseThrow().value()).isNotEqualTo(old);
  }

  @Test
  void aClientThatKeepsSendingRejectedCookiesIsLoggedAndBlockedForTheInterval() {
    UserAgent guesser = agent();
    String forged = "A".repeat(43) + "." + "B".repeat(43);
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      for (int i = 0; i <= GUARD_LIMIT; i++) {
        guesser.sid(forged);
        assertThat(guesser.get("/guarded/peek").body()).isEqualTo("none");
      }
      guesser.sid(forged);
      UserAgent.Reply blocked = guesser.get("/guarded/peek");
      assertThat(blocked.status()).isEqualTo(429);
      assertThat(blocked.header("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(blocked.body()).isEqualTo("{\"error\":\"too many rejected session cookies\"}");
      assertThat(Long.parseLong(blocked.header("Retry-After").orElseThrow())).isBetween(1L, 10L);
      // One warning at the threshold and one for the block, each naming the address and count.
      assertThat(log.lines())
          .filteredOn(l -> l.contains("rejected session cookies from"))
          .singleElement()
          .asString()
          .contains("127.0.0.1")
          .contains(": " + GUARD_LIMIT + " in 10 s (bad signature " + GUARD_LIMIT + ")");
      assertThat(log.text())
          .contains("blocking client 127.0.0.1")
          .contains((GUARD_LIMIT + 1) + " rejected session cookies")
          .doesNotContain("AAAAAAAAAA");
    }
    clock.advance(Duration.ofSeconds(10));
    guesser.sid(null);
    assertThat(guesser.get("/guarded/peek").status()).as("after the interval").isEqualTo(200);
  }

  @Test
  void saveWritesTheSessionAndItsCookieBeforeTheBodyAndTheRestAtTheEnd() {
    UserAgent a = agent();
    UserAgent.Reply saved = a.get("/app/save-early");
    assertThat(saved.body()).isEqualTo("streaming");
    assertThat(saved.sessionCookie()).isPresent();
    assertThat(a.get("/app/peek").body())
        .isEqualTo("after=written at the end,step=saved before the stream");
  }

  @Test
  void aBoundSessionIsNoSessionForAnotherKindOfBrowser() {
    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    String newerFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0";
    String chrome =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    UserAgent owner = agent();
    assertThat(owner.post("/bound/login", "User-Agent", firefox).status()).isEqualTo(200);
    assertThat(owner.get("/bound/peek", "User-Agent", newerFirefox).body())
        .as("a browser update keeps the session")
        .isEqualTo("user=frodo");
    UserAgent thief = agent();
    thief.sid(owner.sid());
    assertThat(thief.get("/bound/peek", "User-Agent", chrome).body()).isEqualTo("none");
    assertThat(owner.get("/bound/peek", "User-Agent", firefox).body()).isEqualTo("user=frodo");
  }

  @Test
  void responsesThatSetOrClearTheCookieAreNotCacheable() {
    UserAgent a = agent();
    UserAgent.Reply set = a.get("/app/counter");
    assertThat(set.sessionCookie()).isPresent();
    assertThat(set.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(set.headers("Vary")).anyMatch(v -> v.toLowerCase().contains("cookie"));

    UserAgent.Reply unchanged = a.get("/app/counter");
    assertThat(unchanged.sessionCookie()).isEmpty();
    assertThat(unchanged.header("Cache-Control")).isEmpty();

    UserAgent.Reply cleared = a.post("/app/logout");
    assertThat(cleared.sessionCookie().orElseThrow().isClearing()).isTrue();
    assertThat(cleared.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(cleared.headers("Vary")).anyMatch(v -> v.toLowerCase().contains("cookie"));
  }

  @Test
  void requestsThatNeverTouchTheSessionCostNoStoreAccess() {
    UserAgent a = agent();
    a.get("/app/counter");
    int loads = store.loads.get();
    UserAgent.Reply plain = a.get("/app/plain");
    assertThat(plain.body()).isEqualTo("plain");
    assertThat(plain.headers("Set-Cookie")).isEmpty();
    assertThat(plain.headers("Vary")).noneMatch(v -> v.toLowerCase().contains("cookie"));
    assertThat(store.loads.get()).isEqualTo(loads);
  }

  @Test
  void loginRegeneratesTheIdAndTheOldIdIsDead() {
    UserAgent a = agent();
    a.get("/app/counter");
    String before = a.sid();
    UserAgent.Reply login = a.post("/app/login");
    assertThat(login.status()).isEqualTo(200);
    String after = login.sessionCookie().orElseThrow().value();
    assertThat(after).isNotEqualTo(before);
    assertThat(a.get("/app/peek").body()).isEqualTo("n=1,user=frodo");

    UserAgent old = agent();
    old.sid(before);
    assertThat(old.get("/app/peek").body()).isEqualTo("none");
  }

  @Test
  void logoutDeletesTheSessionAndClearsTheCookie() {
    UserAgent a = agent();
    a.post("/app/login");
    String loggedIn = a.sid();
    assertThat(a.get("/app/protected/data").status()).isEqualTo(200);

    UserAgent.Reply logout = a.post("/app/logout");
    SetCookie clearing = logout.sessionCookie().orElseThrow();
    assertThat(clearing.isClearing()).isTrue();
    assertThat(clearing.value()).isEmpty();
    assertThat(a.sid()).isNull();

    UserAgent replay = agent();
    replay.sid(loggedIn);
    assertThat(replay.get("/app/protected/data").status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/app/redirect, 302, via=redirect",
    "/app/error, 409, via=error",
    "/app/flush, 200, via=flush",
    "/app/length, 200, 'after=true,via=length'",
    "/app/big-writer, 200, via=big-writer",
    "/app/big-stream, 200, via=big-stream",
    "/app/async, 200, via=async",
    "/app/async-write, 200, via=async-write",
    "/app/async-dispatch, 200, n=1",
    "/app/reset, 200, via=reset",
    "/app/app-cookie, 200, via=app-cookie",
  })
  void theSessionIsCommittedBeforeTheResponse(String path, int status, String stored) {
    UserAgent a = agent();
    UserAgent.Reply reply = a.get(path);
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.sessionCookie())
        .as("the session cookie of " + path + ", in " + reply.headers("Set-Cookie"))
        .isPresent();
    assertThat(reply.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(a.get("/app/peek").body()).isEqualTo(stored);
  }

  @Test
  void aCommitPathKeepsTheResponseIntact() {
    assertThat(agent().get("/app/redirect").header("Location").orElseThrow()).endsWith("/app/peek");
    assertThat(agent().get("/app/length").body()).isEqualTo("hello");
    assertThat(agent().get("/app/big-stream").body()).hasSizeGreaterThan(3 * 1024).matches("s+");
    assertThat(agent().get("/app/big-writer").body()).contains("w".repeat(63));
    assertThat(agent().get("/app/async-write").body()).isEqualTo("async");
    assertThat(agent().get("/app/reset").body()).isEqualTo("after reset");
    UserAgent.Reply twoCookies = agent().get("/app/app-cookie");
    assertThat(twoCookies.cookies("theme"))
        .singleElement()
        .extracting(SetCookie::value)
        .isEqualTo("dark");
  }

  @Test
  void requireSessionAnswers401JsonWithoutCallingTheApp() {
    int calls = app.protectedCalls.get();
    UserAgent.Reply anonymous = agent().get("/app/protected/data");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(anonymous.body()).isEqualTo("{\"error\":\"unauthorized\"}");

    UserAgent withSessionButNoLogin = agent();
    withSessionButNoLogin.get("/app/counter");
    assertThat(withSessionButNoLogin.get("/app/protected/data").status()).isEqualTo(401);
    assertThat(app.protectedCalls.get()).isEqualTo(calls);

    UserAgent user = agent();
    user.post("/app/login");
    UserAgent.Reply allowed = user.get("/app/protected/data");
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("secret");
    assertThat(app.protectedCalls.get()).isEqualTo(calls + 1);
  }

  @Test
  void filtersDeclaredAsInWebXmlReadTheirInitParams() {
    UserAgent a = agent();
    UserAgent.Reply rejected = a.get("/proxied/custom/page");
    assertThat(rejected.status()).isEqualTo(403);
    assertThat(rejected.body()).isEqualTo("{\"error\":\"log in first\"}");
    a.post("/proxied/login");
    assertThat(a.get("/proxied/custom/page").body()).isEqualTo("secret");
  }

  @Test
  void sealedSessionsCarryTheWholeFlowInTheCookie() {
    UserAgent a = agent();
    assertThat(a.get("/sealed/protected/data").status()).isEqualTo(401);
    assertThat(a.post("/sealed/login").status()).isEqualTo(200);
    String sealed = a.sid();
    assertThat(sealed).startsWith("1.");
    assertThat(a.get("/sealed/peek").body()).isEqualTo("user=frodo");
    int calls = app.protectedCalls.get();
    assertThat(a.get("/sealed/protected/data").body()).isEqualTo("secret");
    assertThat(app.protectedCalls.get()).isEqualTo(calls + 1);

    UserAgent.Reply counted = a.get("/sealed/counter");
    assertThat(counted.sessionCookie().orElseThrow().value())
        .as("a modified sealed session is sealed again")
        .isNotEqualTo(sealed);
    assertThat(a.get("/sealed/counter").body()).isEqualTo("2");

    UserAgent.Reply logout = a.post("/sealed/logout");
    assertThat(logout.sessionCookie().orElseThrow().isClearing()).isTrue();
    assertThat(a.get("/sealed/protected/data").status()).isEqualTo(401);

    UserAgent tampered = agent();
    char flipped = sealed.charAt(20) == 'A' ? 'B' : 'A';
    tampered.sid(sealed.substring(0, 20) + flipped + sealed.substring(21));
    assertThat(tampered.get("/sealed/peek").body()).isEqualTo("none");
  }

  @Test
  void aSealedSessionTooLargeForItsCookieAnswers500JsonWithoutAStackTrace() {
    UserAgent a = agent();
    a.post("/sealed/login");
    String before = a.sid();
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      UserAgent.Reply reply = a.get("/sealed/huge");
      assertThat(reply.status()).isEqualTo(500);
      assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(reply.body()).isEqualTo("{\"error\":\"session too large\"}");
      assertThat(reply.sessionCookie()).isEmpty();
      assertThat(log.text()).contains("session too large").contains("4096");
    }
    assertThat(a.sid()).isEqualTo(before);
    assertThat(a.get("/sealed/peek").body()).isEqualTo("user=frodo");
  }

  @Test
  void storeFailureAnswers503AndNeverRunsTheProtectedCode() {
    UserAgent a = agent();
    a.post("/failing/login");
    String sid = a.sid();
    assertThat(a.get("/failing/protected/data").status()).isEqualTo(200);
    int calls = app.protectedCalls.get();

    failing.down.set(true);
    // Past the failure log's interval: this failure is the first of a new one, logged in full.
    clock.advance(Duration.ofSeconds(11));
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      UserAgent.Reply reply = a.get("/failing/protected/data");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(reply.body()).isEqualTo("{\"error\":\"session store unavailable\"}");
      assertThat(app.protectedCalls.get()).isEqualTo(calls);
      assertThat(log.text()).contains("session store failed").contains("/failing/protected/data");
      assertThat(log.text()).doesNotContain(sid).doesNotContain(sid.substring(0, 43));
    }
  }

  @Test
  void anOutageIsLoggedOncePerIntervalWithACountNotOncePerRequest() {
    UserAgent a = agent();
    a.post("/failing/login");
    failing.down.set(true);
    clock.advance(Duration.ofSeconds(11));
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      for (int i = 0; i < 200; i++) {
        assertThat(a.get("/failing/protected/data").status()).isEqualTo(503);
      }
      // Other filters of the app write their own intervals' summaries meanwhile.
      assertThat(storeFailures(log)).hasSize(1);
      assertThat(storeFailures(log).get(0))
          .contains("session store failed")
          .contains("store operation LOAD")
          .contains("Exception");
      clock.advance(Duration.ofSeconds(11));
      assertThat(a.get("/failing/protected/data").status()).isEqualTo(503);
      assertThat(storeFailures(log)).hasSize(3);
      assertThat(storeFailures(log).get(1))
          .startsWith("199 more session store failures (SessionStoreTimeoutException)")
          .endsWith(": 200 in that window");
    }
  }

  private static List<String> storeFailures(LogCapture log) {
    return log.lines().stream().filter(l -> l.contains("session store fail")).toList();
  }

  @Test
  void storeFailureWhileSavingANewSessionAnswers503WithoutCookie() {
    failing.down.set(true);
    UserAgent.Reply reply = agent().post("/failing/login");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers("Set-Cookie")).isEmpty();
    assertThat(reply.body()).isEqualTo("{\"error\":\"session store unavailable\"}");
  }

  @Test
  void aStoreFailureHandlerChoosesTheAnswer() {
    failing.down.set(true);
    int calls = app.protectedCalls.get();
    UserAgent.Reply reply = agent().get("/maintenance/counter");
    assertThat(reply.status()).isEqualTo(307);
    assertThat(reply.header("Location")).contains("/maintenance.html");
    assertThat(reply.headers("Set-Cookie")).isEmpty();
    assertThat(app.protectedCalls.get()).isEqualTo(calls);
  }

  @Test
  void requestsThatNeverTouchTheSessionWorkWhileTheStoreIsDown() {
    UserAgent a = agent();
    a.post("/failing/login");
    failing.down.set(true);
    assertThat(a.get("/failing/plain").body()).isEqualTo("plain");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage | sid=garbage",
        "empty | sid=",
        "oversized | sid=OVERSIZED",
        "tampered | sid=TAMPERED",
        "quoted | sid=\"VALID\"",
        "other secret | sid=FOREIGN",
        "junk syntax | =;;sid;sid==;%00%ff",
      })
  void aBadCookieGivesAFreshSessionNeverAnError(String what, String header) {
    UserAgent owner = agent();
    owner.get("/app/counter");
    String valid = owner.sid();
    String tampered =
        valid.substring(0, 10) + (valid.charAt(10) == 'A' ? 'B' : 'A') + valid.substring(11);
    String foreign = valid.substring(0, 44) + "x".repeat(43);
    String cookie =
        header
            .replace("OVERSIZED", valid + "A".repeat(5000))
            .replace("TAMPERED", tampered)
            .replace("VALID", valid)
            .replace("FOREIGN", foreign);

    UserAgent.Reply reply = agent().get("/app/counter", "Cookie", cookie);
    assertThat(reply.status()).as(what).isEqualTo(200);
    assertThat(reply.body()).as(what + ": a fresh session").isEqualTo("1");
    assertThat(reply.sessionCookie().orElseThrow().value()).isNotEqualTo(valid);
    assertThat(owner.get("/app/counter").body())
        .as("the owner's session is untouched")
        .isEqualTo("2");
  }

  @Test
  void duplicatedCookieNamesUseTheOneThatVerifies() {
    UserAgent owner = agent();
    owner.get("/app/counter");
    UserAgent.Reply reply =
        agent().get("/app/counter", "Cookie", "sid=bogus; theme=dark; sid=" + owner.sid());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("2");
  }

  @Test
  void secureFollowsTheRequestAndATrustedProxy() {
    String https = "X-Forwarded-Proto";
    assertThat(secure(agent().get("/app/counter", https, "https")))
        .as("the header is ignored unless the proxy is trusted")
        .isFalse();
    assertThat(secure(agent().get("/proxied/counter", https, "https"))).isTrue();
    assertThat(secure(agent().get("/proxied/counter", https, "https, http")))
        .as("the nearest proxy's value wins")
        .isFalse();
    assertThat(secure(agent().get("/proxied/counter"))).isFalse();
  }

  private static boolean secure(UserAgent.Reply reply) {
    return reply.sessionCookie().orElseThrow().secure();
  }

  @Test
  void httpSessionApiIsBackedBySessionKit() {
    UserAgent a = agent();
    long created = clock.instant().toEpochMilli();
    Map<String, String> first = info(a.get("/app/info?max=120"));
    assertThat(first)
        .containsEntry("new", "true")
        .containsEntry("valid", "false")
        .containsEntry("fromCookie", "false")
        .containsEntry("created", Long.toString(created))
        .containsEntry("max", "120");

    clock.advance(Duration.ofSeconds(90));
    Map<String, String> second = info(a.get("/app/info"));
    assertThat(second)
        .containsEntry("new", "false")
        .containsEntry("valid", "true")
        .containsEntry("fromCookie", "true")
        .containsEntry("sameId", "true")
        .containsEntry("created", Long.toString(created))
        .containsEntry("accessed", Long.toString(created))
        .containsEntry("max", "120");

    clock.advance(Duration.ofSeconds(90));
    assertThat(info(a.get("/app/info")))
        .as("the touch 90s ago moved the last access time and the idle deadline")
        .containsEntry("new", "false")
        .containsEntry("accessed", Long.toString(created + 90_000));

    clock.advance(Duration.ofSeconds(121));
    assertThat(info(a.get("/app/info")))
        .as("idle for longer than maxInactiveInterval: a new session")
        .containsEntry("new", "true")
        .containsEntry("valid", "false")
        .containsEntry("fromCookie", "true");
  }

  private static Map<String, String> info(UserAgent.Reply reply) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String pair : reply.body().split(",")) {
      String[] kv = pair.split("=", 2);
      m.put(kv[0], kv[1]);
    }
    return m;
  }

  @Test
  void typedAccessReadsWhatWasStored() {
    UserAgent a = agent();
    assertThat(a.get("/app/typed?name=sam").body()).isEqualTo("User[name=sam, level=3]");
    assertThat(a.get("/app/typed").body()).isEqualTo("User[name=sam, level=3]");
  }

  @Test
  void aHeaderClientGetsItsIdInTheHeaderAndNeverACookie() {
    UserAgent api = agent();
    UserAgent.Reply login = api.post("/header/login", "X-Session", "");
    assertThat(login.headers("Set-Cookie")).isEmpty();
    String id = login.header("X-Session").orElseThrow();
    assertThat(id).isNotEmpty();
    assertThat(login.header("Cache-Control").orElseThrow()).contains("no-store");

    UserAgent.Reply peek = api.get("/header/peek", "X-Session", id);
    assertThat(peek.body()).isEqualTo("user=frodo");
    assertThat(peek.header("X-Session")).as("unchanged id: not sent again").isEmpty();
    assertThat(api.get("/header/info", "X-Session", id).body()).contains(",fromCookie=false,");

    UserAgent.Reply regenerated = api.post("/header/login", "X-Session", id);
    String next = regenerated.header("X-Session").orElseThrow();
    assertThat(next).isNotEqualTo(id);
    assertThat(api.get("/header/peek", "X-Session", id).body()).isEqualTo("none");

    UserAgent.Reply logout = api.post("/header/logout", "X-Session", next);
    assertThat(logout.header("X-Session")).contains("");
    assertThat(logout.headers("Set-Cookie")).isEmpty();
    assertThat(api.get("/header/peek", "X-Session", next).body()).isEqualTo("none");
    assertThat(api.get("/header/peek", "X-Session", "s%3A" + "x".repeat(5000)).body())
        .isEqualTo("none");
  }

  @Test
  void cookieAndHeaderTransportsWorkSideBySideOrTheHeaderAlone() {
    UserAgent browser = agent();
    UserAgent.Reply set = browser.get("/header/counter");
    assertThat(set.sessionCookie()).isPresent();
    assertThat(set.header("X-Session")).as("a browser request gets a cookie only").isEmpty();
    assertThat(browser.get("/header/counter").body()).isEqualTo("2");

    UserAgent api = agent();
    UserAgent.Reply first = api.get("/header-only/counter");
    assertThat(first.headers("Set-Cookie")).isEmpty();
    String id = first.header("X-Session").orElseThrow();
    assertThat(api.get("/header-only/counter", "X-Session", id).body()).isEqualTo("2");
    assertThat(browser.get("/header-only/peek").body())
        .as("with the cookie transport off, a cookie names no session")
        .isEqualTo("none");
  }
}
