package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One account floods logins over real HTTP against the running example, from several threads at
 * once: another user's session stays valid throughout, and the flooding account keeps exactly the
 * cap of live sessions. One subclass per store.
 */
abstract class LoginFloodContract {

  static final int THREADS = 8;
  static final int LOGINS_PER_THREAD = 250;
  static final int CAP = 10;

  /** The environment that selects the store; a subclass skips when its server is absent. */
  protected abstract Map<String, String> storeEnvironment();

  /** Forgets the sessions earlier tests left in a shared store; the memory store starts empty. */
  protected void forgetEarlierSessions() {}

  private ExampleApp start(String policy) {
    forgetEarlierSessions();
    Map<String, String> env = new HashMap<>(storeEnvironment());
    env.put("PORT", "0");
    env.put("SESSION_SECRET", LoginFlowContract.SECRET);
    // The fewest PBKDF2 rounds allowed, so that thousands of logins stay quick; same code path.
    env.put("PBKDF2_ITERATIONS", "1000");
    env.put("MAX_SESSIONS_PER_USER", Integer.toString(CAP));
    env.put("SESSION_CAP_POLICY", policy);
    return ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());
  }

  @Test
  void aFloodOfOneAccountNeverEndsAnotherUsersSessionAndKeepsTheCap() throws Exception {
    try (ExampleApp app = start("oldest")) {
      Client sam = new Client(app.uri());
      assertThat(sam.login("sam", "potatoes").status()).isEqualTo(200);
      List<String> frodoCookies = flood(app, sam, 200);
      assertThat(sam.get("/api/me").status()).isEqualTo(200);
      assertThat(valid(app, frodoCookies)).isEqualTo(CAP);
    }
  }

  @Test
  void underTheRefusePolicyLoginsPastTheCapAreAnswered409() throws Exception {
    try (ExampleApp app = start("refuse")) {
      Client sam = new Client(app.uri());
      assertThat(sam.login("sam", "potatoes").status()).isEqualTo(200);
      List<String> frodoCookies = flood(app, sam, 409);
      assertThat(sam.get("/api/me").status()).isEqualTo(200);
      assertThat(frodoCookies).hasSize(CAP);
      assertThat(valid(app, frodoCookies)).isEqualTo(CAP);
    }
  }

  /**
   * Logs frodo in THREADS x LOGINS_PER_THREAD times in parallel, checking sam's session every 50
   * logins of each thread; returns the cookies of the logins that were answered 200.
   */
  private static List<String> flood(ExampleApp app, Client sam, int pastTheCap) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger samLost = new AtomicInteger();
    List<Future<List<String>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> cookies = new ArrayList<>();
                  for (int i = 0; i < LOGINS_PER_THREAD; i++) {
                    Client frodo = new Client(app.uri());
                    Client.Reply reply = frodo.login("frodo", "mellon");
                    if (reply.status() == 200) {
                      cookies.add(frodo.sid);
                    } else {
                      assertThat(reply.status()).isEqualTo(pastTheCap);
                    }
                    if (i % 50 == 0 && sam.get("/api/me").status() != 200) {
                      samLost.incrementAndGet();
                    }
                  }
                  return cookies;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> result : results) {
        all.addAll(result.get(5, TimeUnit.MINUTES));
      }
      assertThat(samLost.get()).as("checks in which sam's session was gone").isZero();
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int valid(ExampleApp app, List<String> cookies) {
    int valid = 0;
    for (String cookie : cookies) {
      Client c = new Client(app.uri());
      c.sid = cookie;
      if (c.get("/api/me").status() == 200) {
        valid++;
      }
    }
    return valid;
  }
}
