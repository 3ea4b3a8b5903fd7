package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads in the log over real HTTP in Jetty: a long store outage under parallel
 * load gives a few lines per window that account for every failed request (the last window's count
 * written by the filter's {@code destroy}), and a stale cookie after a logout gives none.
 */
class JettyLogBoundsIT {

  private static final Pattern SUMMARY =
      Pattern.compile("^(\\d+) more session store failures \\(SessionStoreTimeoutException\\)");

  private final TestClock clock = TestClock.start();
  private SwitchableStore store;
  private SessionManager manager;
  private Deployment.Running server;

  @BeforeEach
  void start() throws Exception {
    SessionConfig config = SessionConfig.builder().secret(ServedApp.SECRET).clock(clock).build();
    manager =
        SessionManager.create(
            config,
            context -> store = new SwitchableStore(MemorySessionStore.builder().create(context)));
    server =
        JettyDeployer.deploy(
            new Deployment()
                .filter("sessions", new SessionFilter(manager), "/out/*")
                .servlet("scenarios", new Scenarios(), "/*"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    manager.close();
  }

  @Test
  void aLongOutageUnderLoadLogsAFewLinesPerWindowThatCountEveryFailedRequest() throws Exception {
    int windows = 3;
    int threads = 8;
    int perThread = 60;
    UserAgent login = new UserAgent(server.port());
    login.post("/out/login");
    String sid = login.sid();
    store.down.set(true);
    int failed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      // 21 s of outage: three windows of parallel requests, each one's clock past the last.
      for (int w = 0; w < windows; w++) {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          answers.add(
              pool.submit(
                  () -> {
                    UserAgent a = new UserAgent(server.port());
                    int unavailable = 0;
                    for (int i = 0; i < perThread; i++) {
                      a.sid(sid);
                      unavailable += a.get("/out/peek").status() == 503 ? 1 : 0;
                    }
                    return unavailable;
                  }));
        }
        for (Future<Integer> answer : answers) {
          failed += answer.get();
        }
        clock.advance(Duration.ofMillis(10_500));
      }
      server.close();
      server = null;

      assertThat(failed).isEqualTo(windows * threads * perThread);
      List<String> lines = log.lines();
      assertThat(lines)
          .filteredOn(l -> l.startsWith("session store failed during GET /out/peek"))
          .hasSize(windows)
          .allSatisfy(
              l ->
                  assertThat(l)
                      .contains("store operation LOAD")
                      .contains("SessionStoreTimeoutException")
                      .doesNotContain(sid.substring(0, 20)));
      long counted = 0;
      int summaries = 0;
      for (String line : lines) {
        Matcher m = SUMMARY.matcher(line);
        if (m.find()) {
          counted += Long.parseLong(m.group(1)) + 1;
          summaries++;
        }
      }
      assertThat(summaries).isEqualTo(windows);
      assertThat(counted).as("failed requests the log accounts for").isEqualTo(failed);
      assertThat(lines).hasSize(2 * windows);
      assertThat(lines).filteredOn(l -> l.contains("\tat ")).hasSizeLessThanOrEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStaleCookieAfterALogoutIsCountedButNotWarnedAbout() {
    UserAgent a = new UserAgent(server.port());
    a.post("/out/login");
    String stale = a.sid();
    a.post("/out/logout");
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      for (int i = 0; i < 5; i++) {
        a.sid(stale);
        assertThat(a.get("/out/peek").body()).isEqualTo("none");
      }
      clock.advance(Duration.ofSeconds(11));
      server.close();
      server = null;
      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void aGuesserIsWarnedAboutOnceWithWhyItsCookiesWereRejected() {
    UserAgent guesser = new UserAgent(server.port());
    try (LogCapture log = new LogCapture(SessionFilter.class.getName())) {
      for (int i = 0; i < SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING * 2; i++) {
        guesser.sid(i % 2 == 0 ? "A".repeat(43) + "." + "B".repeat(43) : "not-a-cookie-" + i);
        assertThat(guesser.get("/out/peek").body()).isEqualTo("none");
      }
      assertThat(log.lines())
          .singleElement()
          .asString()
          .startsWith(
              "rejected session cookies from 127.0.0.1: "
                  + SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING
                  + " in 10 s (malformed 10, bad signature 10), at the warning threshold of "
                  + SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING)
          .doesNotContain("AAAAAAAAAA")
          .doesNotContain("not-a-cookie");
    }
  }
}
