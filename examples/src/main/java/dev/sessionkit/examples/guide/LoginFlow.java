package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.servlet.ClientBinding;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;

/**
 * Logging out and flash values (as the README shows them), "remember me", "log out everywhere" and
 * "your sessions".
 */
final class LoginFlow {

  private LoginFlow() {}

  static void rememberMe(Session session) {
    session.setCookieMaxAge(Duration.ofDays(30)); // a persistent cookie, for this session only
    session.setIdleTimeout(Duration.ofDays(30)); // kept as long, within the absolute timeout
  }

  static void logOut(HttpServletRequest request) {
    // [readme:logout]
    Sessions.logout(request); // session deleted, cookie cleared, even if another tab ended it first
    // [readme:logout-end]
  }

  static String flash(HttpServletRequest login, HttpServletRequest next) {
    // [readme:flash]
    Sessions.flash(login).put("notice", "Welcome back, frodo"); // before the redirect
    String notice = Sessions.flash(next).take("notice", String.class).orElse(""); // once
    // [readme:flash-end]
    return notice;
  }

  static List<SessionInfo> logOutEverywhere(SessionManager sessions) {
    // Admin tools: key, handle, times and device of each; empty for sealed sessions.
    List<SessionInfo> open = sessions.byPrincipal().map(all -> all.list("frodo")).orElse(List.of());
    // "Log out everywhere": every session of the principal ends now.
    sessions.byPrincipal().ifPresent(all -> all.invalidateAll("frodo"));
    return open;
  }

  static void recordDevice(Session session, HttpServletRequest request) {
    // At login, after regenerate(false): "Firefox on Linux", shown on "your sessions" (opt-in).
    session.setDevice(ClientBinding.family(request.getHeader("User-Agent")));
  }

  /** What a "your sessions" page does with the session of its request. */
  record YourSessions(List<SessionInfo> listed, boolean ended, int others) {}

  static YourSessions yourSessions(SessionManager sessions, Session session, String handle) {
    SessionsByPrincipal all = sessions.byPrincipal().orElseThrow(); // empty for sealed sessions
    // Most recent first; each with a handle, device, times, and current() for this session.
    List<SessionInfo> mine = all.list(session);
    // "Log out this one": false for a handle that names no session of this user.
    boolean ended = all.invalidate(session, handle);
    // "Log out everywhere else": every session of this user but this one.
    int others = all.invalidateOthers(session);
    return new YourSessions(mine, ended, others);
  }
}
