package dev.sessionkit.examples;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The pages that work without JavaScript: log in ({@code /login}), log out ({@code /logout}) and
 * "your sessions" ({@code /sessions}), with plain form posts answered by {@code 303} redirects. A
 * script ({@code sessions.js}) enhances the sessions page with the JSON API when it can.
 *
 * <p>Every form post of a logged-in user carries the session's form token, checked in constant
 * time; {@link MethodGuard} also refuses cross-site and cross-origin posts by their {@code
 * Sec-Fetch-Site} and {@code Origin} headers, which covers the login form, made before any session.
 */
final class AccountPages extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Why sealed sessions have no list: said by the page and by {@code GET /api/sessions}. */
  static final String UNAVAILABLE =
      "This app keeps each session sealed in its own cookie (SESSION_STORE=cookie), so nothing on"
          + " the server knows which sessions are yours: they cannot be listed, and one cannot be"
          + " logged out from another device before it expires.";

  /** The flash value that greets a user on the page the login form leads to. */
  static final String WELCOME = "welcome";

  /** The session attribute holding the form token. */
  private static final String TOKEN = "formToken";

  private final transient Logins logins;
  private final transient Optional<SessionsByPrincipal> byPrincipal;
  private final transient Clock clock;
  private final transient SecureRandom random = new SecureRandom();

  AccountPages(Logins logins, Optional<SessionsByPrincipal> byPrincipal, Clock clock) {
    this.logins = logins;
    this.byPrincipal = byPrincipal;
    this.clock = clock;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    switch (req.getMethod() + " " + req.getRequestURI()) {
      case "GET /login" -> loginPage(req, resp);
      case "POST /login" -> login(req, resp);
      case "POST /logout" -> logout(req, resp);
      case "GET /sessions" -> sessionsPage(req, resp);
      case "POST /sessions/logout" -> logOutOne(req, resp);
      case "POST /sessions/logout-others" -> logOutOthers(req, resp);
      default -> Html.send(resp, 404, Html.page("Not found", null, null, "<h1>Not found</h1>"));
    }
  }

  private static Optional<Session> loggedIn(HttpServletRequest req) {
    return Sessions.current(req).filter(s -> s.principal().isPresent());
  }

  private void loginPage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (loggedIn(req).isPresent()) {
      Html.seeOther(resp, "/sessions");
      return;
    }
    String notice = "1".equals(req.getParameter("out")) ? "You are logged out." : null;
    Html.send(resp, 200, loginForm(notice, null));
  }

  private static String loginForm(String notice, String error) {
    StringBuilder main = new StringBuilder("<section class=\"card narrow\"><h1>Log in</h1>");
    if (notice != null) {
      main.append("<p class=\"notice\" role=\"status\">")
          .append(Html.escape(notice))
          .append("</p>");
    }
    if (error != null) {
      main.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
    }
    main.append(
        """
        <form method="post" action="/login" class="stack">
        <label>User name <input name="username" autocomplete="username" required></label>
        <label>Password <input name="password" type="password" \
        autocomplete="current-password" required></label>
        <button type="submit" class="primary">Log in</button>
        </form>
        <p class="hint">Try <code>frodo</code> / <code>mellon</code>, or <code>sam</code> / \
        <code>potatoes</code>.</p></section>""");
    return Html.page("Log in", null, null, main.toString());
  }

  private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String username = req.getParameter("username");
    String password = req.getParameter("password");
    if (username == null || password == null || username.isBlank() || username.length() > 64) {
      Html.send(resp, 400, loginForm(null, "Enter a user name and a password."));
      return;
    }
    switch (logins.logIn(req, username, password.toCharArray())) {
      case LOGGED_IN -> {
        // Shown once, by the page the redirect leads to: a reload no longer has it.
        String user = loggedIn(req).flatMap(Session::principal).orElse(username);
        Sessions.flash(req).put(WELCOME, "Welcome back, " + user);
        Html.seeOther(resp, "/sessions");
      }
      case INVALID -> Html.send(resp, 401, loginForm(null, "Wrong user name or password."));
      case TOO_MANY_SESSIONS ->
          Html.send(
              resp, 409, loginForm(null, "Too many sessions: log out on another device first."));
    }
  }

  private void logout(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = loggedIn(req);
    if (session.isPresent() && !tokenMatches(session.get(), req.getParameter("csrf"))) {
      forbidden(resp);
      return;
    }
    // Ends the session, or finds it already ended by a parallel logout: the cookie is cleared.
    Sessions.logout(req);
    Html.seeOther(resp, "/login?out=1");
  }

  private void sessionsPage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = loggedIn(req);
    if (session.isEmpty()) {
      Html.seeOther(resp, "/login");
      return;
    }
    Session s = session.get();
    String user = s.principal().orElseThrow();
    String token = token(s);
    StringBuilder main = new StringBuilder("<section class=\"card\"><h1>Your sessions</h1>");
    Sessions.flash(req)
        .take(WELCOME, String.class)
        .ifPresent(
            w ->
                main.append("<p id=\"welcome\" class=\"notice\" role=\"status\">")
                    .append(Html.escape(w))
                    .append("</p>"));
    if (byPrincipal.isEmpty()) {
      main.append("<p class=\"notice info\" id=\"unavailable\">")
          .append(Html.escape(UNAVAILABLE))
          .append("</p></section>");
      Html.send(resp, 200, Html.page("Your sessions", user, token, main.toString()));
      return;
    }
    main.append(
        "<p class=\"lead\">Everywhere you are logged in. If you do not recognise one, log it"
            + " out.</p>");
    main.append("<p id=\"message\" class=\"notice\" role=\"status\"");
    String message = message(req);
    main.append(message == null ? " hidden>" : ">" + Html.escape(message)).append("</p>");
    List<SessionInfo> sessions = byPrincipal.get().list(s);
    Instant now = clock.instant();
    main.append("<ul class=\"sessions\" id=\"sessions\">");
    for (SessionInfo info : sessions) {
      main.append(row(info, token, now));
    }
    main.append("</ul>");
    main.append("<form method=\"post\" action=\"/sessions/logout-others\" id=\"logout-others\">")
        .append(Html.hidden("csrf", token))
        .append("<button type=\"submit\" class=\"danger\"")
        .append(sessions.size() > 1 ? "" : " disabled")
        .append(">Log out everywhere else</button></form></section>");
    Html.send(resp, 200, Html.page("Your sessions", user, token, main.toString()));
  }

  private static String row(SessionInfo info, String token, Instant now) {
    String device = info.device().orElse("Unknown device");
    return "<li class=\"session"
        + (info.current() ? " current" : "")
        + "\" data-handle=\""
        + Html.escape(info.handle())
        + "\"><div class=\"device\">"
        + Html.escape(device)
        + (info.current() ? " <span class=\"badge\">This device</span>" : "")
        + "</div><dl><dt>Logged in</dt><dd>"
        + Html.time(info.creationTime())
        + "</dd><dt>Last seen</dt><dd>"
        + Html.escape(Html.ago(info.lastAccessTime(), now))
        + "</dd></dl><form method=\"post\" action=\"/sessions/logout\">"
        + Html.hidden("csrf", token)
        + Html.hidden("handle", info.handle())
        + "<button type=\"submit\" class=\"secondary\">Log out</button></form></li>";
  }

  /** The notice after a redirect; only fixed sentences and a count, never text from the URL. */
  private static String message(HttpServletRequest req) {
    if ("1".equals(req.getParameter("ended"))) {
      return "That session is logged out.";
    }
    if ("0".equals(req.getParameter("ended"))) {
      return "That session had already ended.";
    }
    String others = req.getParameter("others");
    if (others != null && others.matches("[0-9]{1,4}")) {
      int n = Integer.parseInt(others);
      return n == 1 ? "Logged out 1 other session." : "Logged out " + n + " other sessions.";
    }
    return null;
  }

  private void logOutOne(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = checkedPost(req, resp);
    if (session.isEmpty()) {
      return;
    }
    boolean ended = byPrincipal.get().invalidate(session.get(), req.getParameter("handle"));
    if (ended && !session.get().isValid()) {
      Html.seeOther(resp, "/login?out=1"); // this device logged itself out
      return;
    }
    Html.seeOther(resp, ended ? "/sessions?ended=1" : "/sessions?ended=0");
  }

  private void logOutOthers(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = checkedPost(req, resp);
    if (session.isPresent()) {
      Html.seeOther(resp, "/sessions?others=" + byPrincipal.get().invalidateOthers(session.get()));
    }
  }

  /** A sessions form post from a logged-in user with the right token, or the answer is sent. */
  private Optional<Session> checkedPost(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    Optional<Session> session = loggedIn(req);
    if (session.isEmpty() || byPrincipal.isEmpty()) {
      Html.seeOther(resp, session.isEmpty() ? "/login" : "/sessions");
      return Optional.empty();
    }
    if (!tokenMatches(session.get(), req.getParameter("csrf"))) {
      forbidden(resp);
      return Optional.empty();
    }
    return session;
  }

  private static void forbidden(HttpServletResponse resp) throws IOException {
    Html.send(
        resp,
        403,
        Html.page(
            "Refused",
            null,
            null,
            "<section class=\"card narrow\"><h1>Refused</h1><p>This form is out of date or did"
                + " not come from this site. <a href=\"/sessions\">Reload your sessions</a> and"
                + " try again.</p></section>"));
  }

  /** The session's form token, made at its first page after login. */
  private String token(Session session) {
    Optional<String> token = session.get(TOKEN, String.class);
    if (token.isPresent()) {
      return token.get();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.set(TOKEN, made);
    return made;
  }

  private static boolean tokenMatches(Session session, String given) {
    Optional<String> token = session.get(TOKEN, String.class);
    return given != null
        && token.isPresent()
        && MessageDigest.isEqual(
            token.get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
