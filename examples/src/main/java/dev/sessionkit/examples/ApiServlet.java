package dev.sessionkit.examples;

import dev.sessionkit.Session;
import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API of the seed notes: login, the protected user list, who am I, greet, logout. {@code
 * /api/users} sits behind {@code RequireSession}; the others check the session themselves.
 */
final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 8192;
  private static final String NAME = "name";

  private final transient UserDirectory users;
  private final transient JsonMapper json = JsonMapper.builder().build();

  ApiServlet(UserDirectory users) {
    this.users = users;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String route = req.getMethod() + " " + Optional.ofNullable(req.getPathInfo()).orElse("/");
    switch (route) {
      case "POST /login" -> login(req, resp);
      case "POST /logout" -> logout(req, resp);
      case "GET /users" -> send(resp, 200, users.names());
      case "GET /me" -> me(req, resp);
      case "GET /greet" -> greet(req, resp);
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
    Optional<String> user = users.authenticate(name, credentials.get()[1].toCharArray());
    if (user.isEmpty()) {
      // The session is not touched: a failed login changes nothing.
      send(resp, 401, Map.of("error", "invalid credentials"));
      return;
    }
    Session session = Sessions.of(req);
    // A new id at every login, so that an id planted before login is worth nothing after it.
    session.regenerate(false);
    try {
      session.setPrincipal(user.get());
    } catch (SessionLimitExceededException e) {
      send(resp, 409, Map.of("error", "too many sessions: log out on another device first"));
      return;
    }
    session.set(NAME, user.get());
    send(resp, 200, Map.of("user", user.get()));
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
    Sessions.current(req).ifPresent(Session::invalidate);
    send(resp, 200, Map.of("loggedOut", true));
  }

  private void me(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Session> session = Sessions.current(req).filter(s -> s.principal().isPresent());
    if (session.isEmpty()) {
      send(resp, 401, Map.of("error", "unauthorized"));
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

  private void greet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = Sessions.current(req).flatMap(s -> s.get(NAME, String.class)).orElse("stranger");
    resp.setContentType("text/plain;charset=UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getWriter().write("Hello " + name);
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
