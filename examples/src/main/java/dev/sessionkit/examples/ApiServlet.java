package dev.sessionkit.examples;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API of the seed notes: login, the protected user list, who am I, greet, logout; and
 * "your sessions": list them, log one out, log out everywhere else. {@code /api/users} sits behind
 * {@code RequireSession}; the others check the session themselves.
 */
final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 8192;
  private static final String SESSION_PATH = "/sessions/";

  private final transient UserDirectory users;
  private final transient Logins logins;
  private final transient Optional<SessionsByPrincipal> byPrincipal;
  private final transient JsonMapper json = JsonMapper.builder().build();

  ApiServlet(UserDirectory users, Logins logins, Optional<SessionsByPrincipal> byPrincipal) {
    this.users = users;
    this.logins = logins;
    this.byPrincipal = byPrincipal;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
    if (req.getMethod().equals("DELETE") && path.startsWith(SESSION_PATH)) {
      logOutOne(req, resp, path.substring(SESSION_PATH.length()));
      return;
    }
    switch (req.getMethod() + " " + path) {
      case "POST /login" -> login(req, resp);
      case "POST /logout" -> logout(req, resp);
      case "GET /users" -> send(resp, 200, users.names());
      case "GET /me" -> me(req, resp);
      case "GET /greet" -> greet(req, resp);
      case "GET /sessions" -> listSessions(req, resp);
      case "POST /logout-others" -> logOutOthers(req, resp);
      case "POST /visits" -> visits(req, resp);
      default -> send(resp, 404, Map.of("error", "not found"));
    }
  }

  private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<String[]> credentials = credentials(req);
    if (credentials.isEmpty()) {
      send(resp, 400, Map.of("error", "username and password are required"));
      return;
    }
    String name = credentials.get()[0];
    switch (logins.logIn(req, name, credentials.get()[1].toCharArray())) {
      case LOGGED_IN -> send(resp, 200, Map.of("user", Sessions.of(req).principal().orElseThrow()));
      case INVALID -> send(resp, 401, Map.of("error", "invalid credentials"));
      case TOO_MANY_SESSIONS ->
          send(resp, 409, Map.of("error", "too many sessions: log out on another device first"));
    }
  }

  /** Reads {@code username} and {@code password} from a JSON body or a form post. */
  private Optional<String[]> credentials(HttpServletRequest req) throws IOException {
    String type = Optional.ofNullable(req.getContentType()).orElse("").toLowerCase(Locale.ROOT);
    String username;
    String password;
    if (type.startsWith("application/json")) {
      byte[] body;
      try (InputStream in = req.getInputStream()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        return Optional.empty();
      }
      try {
        JsonNode node = json.readTree(body);
        username = node.path("username").isString() ? node.path("username").asString() : null;
        password = node.path("password").isString() ? node.path("password").asString() : null;
      } catch (JacksonException e) {
        return Optional.empty();
      }
    } else {
      username = req.getParameter("username");
      password = req.getParameter("password");
    }
    if (username == null || password == null || username.isBlank() || username.length() > 64) {
      return Optional.empty();
    }
    return Optional.of(new String[] {username, password});
  }

  private void logout(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    // Clears the cookie even when a parallel logout of the same session ended it first.
    Sessions.logout(req);
    send(resp, 200, Map.of("loggedOut", true));
  }

  private Optional<Session> loggedIn(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    Optional<Session> session = Sessions.current(req).filter(s -> s.principal().isPresent());
    if (session.isEmpty()) {
      send(resp, 401, Map.of("error", "unauthorized"));
    }
    return session;
  }

  private void me(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = loggedIn(req, resp);
    if (session.isEmpty()) {
      return;
    }
    Session s = session.get();
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("user", s.principal().orElseThrow());
    me.put("createdAt", s.creationTime().toString());
    me.put("lastAccessAt", s.lastAccessTime().toString());
    me.put("idleDeadline", s.idleDeadline().toString());
    me.put("absoluteDeadline", s.absoluteDeadline().map(Object::toString).orElse(null));
    send(resp, 200, me);
  }

  /**
   * Counts this app's visits beside those a Node app sharing the session counts ({@code
   * SESSION_COMPAT=express}): each side changes only its own attribute, and keeps the other's.
   */
  private void visits(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = Sessions.current(req).filter(s -> s.principal().isPresent());
    if (session.isEmpty()) {
      send(resp, 401, Map.of("error", "unauthorized"));
      return;
    }
    Session s = session.get();
    int java = s.get("javaVisits", Integer.class).orElse(0) + 1;
    s.set("javaVisits", java);
    send(
        resp,
        200,
        Map.of("javaVisits", java, "nodeVisits", s.get("nodeVisits", Integer.class).orElse(0)));
  }

  private void greet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name =
        Sessions.current(req).flatMap(s -> s.get(Logins.NAME, String.class)).orElse("stranger");
    resp.setContentType("text/plain;charset=UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getWriter().write("Hello " + name);
  }

  /**
   * The sessions of whoever is logged in, or why there is no list: the session must have a user
   * (else 401), and the store must know which sessions are whose (else 501: sealed cookies).
   */
  private Optional<SessionsByPrincipal> yourSessions(
      HttpServletResponse resp, Optional<Session> session) throws IOException {
    if (session.isPresent() && byPrincipal.isEmpty()) {
      send(resp, 501, Map.of("error", AccountPages.UNAVAILABLE));
    }
    return session.isPresent() ? byPrincipal : Optional.empty();
  }

  private void listSessions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = loggedIn(req, resp);
    Optional<SessionsByPrincipal> all = yourSessions(resp, session);
    if (all.isEmpty()) {
      return;
    }
    List<Map<String, Object>> list =
        all.get().list(session.get()).stream().map(ApiServlet::describe).toList();
    send(resp, 200, Map.of("sessions", list));
  }

  /** What a client is told of a session: its handle, never its id or store key. */
  private static Map<String, Object> describe(SessionInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("handle", info.handle());
    out.put("current", info.current());
    out.put("device", info.device().orElse(null));
    out.put("createdAt", info.creationTime().toString());
    out.put("lastSeenAt", info.lastAccessTime().toString());
    out.put("expiresAt", info.expiresAt().toString());
    return out;
  }

  private void logOutOne(HttpServletRequest req, HttpServletResponse resp, String handle)
      throws IOException {
    Optional<Session> session = loggedIn(req, resp);
    Optional<SessionsByPrincipal> all = yourSessions(resp, session);
    if (all.isEmpty()) {
      return;
    }
    // A made-up handle, an ended session and another user's session all get the same answer.
    if (!all.get().invalidate(session.get(), handle)) {
      send(resp, 404, Map.of("error", "no such session"));
      return;
    }
    // Ending this request's own session invalidates it (and clears the cookie).
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("loggedOut", 1);
    body.put("current", !session.get().isValid());
    send(resp, 200, body);
  }

  private void logOutOthers(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = loggedIn(req, resp);
    Optional<SessionsByPrincipal> all = yourSessions(resp, session);
    if (all.isEmpty()) {
      return;
    }
    send(resp, 200, Map.of("loggedOut", all.get().invalidateOthers(session.get())));
  }

  private void send(HttpServletResponse resp, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    resp.setStatus(status);
    resp.setContentType("application/json;charset=UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
