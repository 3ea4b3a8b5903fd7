package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link CapApp} with {@code maxSessionsPreventsLogin(true)} (and {@code
 * sessionkit.cap-policy=refuse} beside {@code sessionkit.max-sessions-per-principal=1}), over real
 * HTTP: a second login of one user is refused and the first stays, another user logs in, and once
 * the first logs out the user may log in again.
 */
abstract class PreventsLoginContract {

  @LocalServerPort int port;
  Http http;
  Logins logins;

  @BeforeEach
  void client() {
    http = new Http(port);
    logins = new Logins(http);
  }

  @Test
  void aSecondLoginIsRefusedAndTheFirstStays() throws Exception {
    String first = logins.login("frodo", "mellon");

    HttpResponse<String> refused = logins.attempt("frodo", "mellon");
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(logins.me(first)).isEqualTo("frodo");
    assertThat(logins.sessionsOf("frodo")).hasSize(1);
    String sam = logins.login("sam", "potatoes");
    assertThat(logins.me(sam)).isEqualTo("sam");

    String token = Http.csrf(http.get("/logout", first).body());
    assertThat(http.postForm("/logout", first, Map.of("_csrf", token)).statusCode()).isEqualTo(302);
    assertThat(logins.sessionsOf("frodo")).isEmpty();
    assertThat(logins.me(logins.login("frodo", "mellon"))).isEqualTo("frodo");
  }
}
