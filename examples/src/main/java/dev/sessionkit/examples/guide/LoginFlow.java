package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;

/** Logging out, "remember me" and "log out everywhere", as the README shows them. */
final class LoginFlow {

  private LoginFlow() {}

  static void rememberMe(Session session) {
    // [readme:remember-me]
    session.setCookieMaxAge(Duration.ofDays(30)); // a persistent cookie, for this session only
    session.setIdleTimeout(Duration.ofDays(30)); // kept as long, within the absolute timeout
    // [readme:remember-me-end]
  }

  static void logOut(HttpServletRequest request) {
    // [readme:logout]
    Sessions.current(request).ifPresent(Session::invalidate); // deleted now, cookie cleared
    // [readme:logout-end]
  }

  static List<SessionInfo> logOutEverywhere(SessionManager sessions) {
    // [readme:everywhere]
    // "Your sessions": key, creation, last access and expiry of each; empty for sealed sessions.
    List<SessionInfo> open = sessions.byPrincipal().map(all -> all.list("frodo")).orElse(List.of());
    // "Log out everywhere": every session of the principal ends now.
    sessions.byPrincipal().ifPresent(all -> all.invalidateAll("frodo"));
    // [readme:everywhere-end]
    return open;
  }
}
