package dev.sessionkit.examples.boot;

import dev.sessionkit.Session;
import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API of the seed notes, as in the Jetty example: login, the protected user list (behind
 * {@code RequireSession}, see {@link ProtectedPaths}), who am I, greet, logout.
 */
@RestController
@RequestMapping("/api")
class ApiController {

  private static final String NAME = "name";

  private final Users users;

  ApiController(Users users) {
    this.users = users;
  }

  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> loginJson(
      HttpServletRequest request, @RequestBody Map<String, Object> body) {
    return login(request, body.get("username"), body.get("password"));
  }

  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> loginForm(HttpServletRequest request) {
    return login(request, request.getParameter("username"), request.getParameter("password"));
  }

  private ResponseEntity<Map<String, Object>> login(
      HttpServletRequest request, Object username, Object password) {
    if (!(username instanceof String name)
        || !(password instanceof String secret)
        || name.isBlank()
        || name.length() > 64) {
      return json(400, Map.of("error", "username and password are required"));
    }
    Optional<String> user = users.authenticate(name, secret);
    if (user.isEmpty()) {
      // The session is not touched: a failed login changes nothing.
      return json(401, Map.of("error", "invalid credentials"));
    }
    Session session = Sessions.of(request);
    // A new id at every login, so that an id planted before login is worth nothing after it.
    session.regenerate(false);
    try {
      session.setPrincipal(user.get());
    } catch (SessionLimitExceededException e) {
      return json(409, Map.of("error", "too many sessions: log out on another device first"));
    }
    session.set(NAME, user.get());
    return json(200, Map.of("user", user.get()));
  }

  @GetMapping("/users")
  ResponseEntity<List<String>> users() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(users.names());
  }

  @GetMapping("/me")
  ResponseEntity<Map<String, Object>> me(HttpServletRequest request) {
    Optional<Session> session = Sessions.current(request).filter(s -> s.principal().isPresent());
    if (session.isEmpty()) {
      return json(401, Map.of("error", "unauthorized"));
    }
    Session s = session.get();
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("user", s.principal().orElseThrow());
    me.put("createdAt", s.creationTime().toString());
    me.put("lastAccessAt", s.lastAccessTime().toString());
    me.put("idleDeadline", s.idleDeadline().toString());
    me.put("absoluteDeadline", s.absoluteDeadline().map(Object::toString).orElse(null));
    return json(200, me);
  }

  @GetMapping(path = "/greet", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> greet(HttpServletRequest request) {
    String name =
        Sessions.current(request).flatMap(s -> s.get(NAME, String.class)).orElse("stranger");
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body("Hello " + name);
  }

  @PostMapping("/logout")
  ResponseEntity<Map<String, Object>> logout(HttpServletRequest request) {
    Sessions.current(request).ifPresent(Session::invalidate);
    return json(200, Map.of("loggedOut", true));
  }

  private static ResponseEntity<Map<String, Object>> json(int status, Map<String, Object> body) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
