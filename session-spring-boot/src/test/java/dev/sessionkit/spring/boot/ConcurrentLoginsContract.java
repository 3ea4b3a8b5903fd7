package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logins of one user at the same moment on {@link CapApp} ({@code maximumSessions(1)} and {@code
 * sessionkit.max-sessions-per-principal=1}), from real threads released together over real HTTP:
 * exactly one session stays valid, whatever Spring Security's check saw. Each store's test points
 * the app straight at its backend, with a store timeout long enough for fifty logins at once on a
 * busy machine: the test is of the outcome, not of speed.
 */
abstract class ConcurrentLoginsContract {

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void twoLoginsAtTheSameMomentLeaveOneSession() throws Exception {
    assertExactlyOneSurvives("merry", "brandybuck", 2);
  }

  @Test
  void fiftyLoginsAtTheSameMomentLeaveOneSession() throws Exception {
    assertExactlyOneSurvives("pippin", "took", 50);
  }

  private void assertExactlyOneSurvives(String user, String password, int logins) throws Exception {
    List<String[]> forms = new ArrayList<>();
    for (int i = 0; i < logins; i++) {
      HttpResponse<String> page = http.get("/login", null);
      forms.add(new String[] {Http.cookie(page, "sid").orElseThrow(), Http.csrf(page.body())});
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(logins);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (String[] form : forms) {
        answers.add(
            threads.submit(
                () -> {
                  start.await();
                  return new Http(port)
                      .postForm(
                          "/login",
                          form[0],
                          Map.of("username", user, "password", password, "_csrf", form[1]));
                }));
      }
      start.countDown();
      List<String> cookies = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> login = answer.get();
        assertThat(login.statusCode()).isIn(302, 409);
        Http.cookie(login, "sid").filter(c -> !c.equals("sid=")).ifPresent(cookies::add);
      }
      int valid = 0;
      for (String cookie : cookies) {
        if (http.get("/me", cookie).statusCode() == 200) {
          valid++;
        }
      }
      assertThat(valid).as("valid sessions of %s after %d logins", user, logins).isEqualTo(1);
      assertThat(new Logins(http).sessionsOf(user)).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }
}
