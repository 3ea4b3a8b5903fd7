package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.ClientGuard;
import dev.sessionkit.servlet.SessionFilter;
import java.time.Duration;

/** Id renewal and guessing detection: settings that harden a deployment. */
final class Hardening {

  private Hardening() {}

  static SessionConfig renewal(String secret) {
    SessionConfig config =
        SessionConfig.builder()
            .secret(secret)
            .renewalInterval(Duration.ofMinutes(15)) // the default; null switches renewal off
            .renewalGrace(Duration.ofSeconds(30)) // the default: how long the old id still works
            .build();
    return config;
  }

  static void renewNow(Session session) {
    session.renew(); // a new id now; the old one leads here for the grace (not at login!)
  }

  static SessionFilter guarded(SessionManager sessions) {
    SessionFilter filter =
        SessionFilter.builder(sessions)
            .onRejectedCookies(ClientGuard.blockAbove(100)) // 429 past 100 in 10 s
            .build();
    return filter;
  }
}
