package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.ClientGuard;
import dev.sessionkit.servlet.SessionFilter;
import java.time.Duration;

/** Id renewal and guessing detection, as the README's security sections show them. */
final class Hardening {

  private Hardening() {}

  static SessionConfig renewal(String secret) {
    // [readme:renewal]
    SessionConfig config =
        SessionConfig.builder()
            .secret(secret)
            .renewalInterval(Duration.ofMinutes(15)) // the default; null switches renewal off
            .renewalGrace(Duration.ofSeconds(30)) // the default: how long the old id still works
            .build();
    // [readme:renewal-end]
    return config;
  }

  static void renewNow(Session session) {
    // [readme:renew-now]
    session.renew(); // a new id now; the old one leads here for the grace (not at login!)
    // [readme:renew-now-end]
  }

  static SessionFilter guarded(SessionManager sessions) {
    // [readme:guard]
    SessionFilter filter =
        SessionFilter.builder(sessions)
            .onRejectedCookies(ClientGuard.blockAbove(100)) // 429 past 100 in 10 s
            .build();
    // [readme:guard-end]
    return filter;
  }
}
