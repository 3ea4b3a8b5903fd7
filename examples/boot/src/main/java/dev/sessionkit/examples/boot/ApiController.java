package dev.sessionkit.examples.boot;

import dev.sessionkit.Session;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API of the seed notes, as in the Jetty example, on Spring Security: login (checked by
 * Spring Security's {@link AuthenticationManager}, saved as a security context in the session, so
 * the starter sets the session's principal), the protected user list, who am I, greet, logout, and
 * the CSRF token a script or REST client sends back in a header.
 */
@RestController
@RequestMapping("/api")
class ApiController {

  private static final String NAME = "name";

  private final Users users;
  private final AuthenticationManager authentication;
  private final SecurityContextRepository contexts;

  ApiController(
      Users users, AuthenticationManager authentication, SecurityContextRepository contexts) {
    this.users = users;
    this.authentication = authentication;
    this.contexts = contexts;
  }

  /** The session's CSRF token and the header to send it in, for unsafe requests from a script. */
  @GetMapping("/csrf")
  ResponseEntity<Map<String, Object>> csrf(CsrfToken token) {
    return json(200, Map.of("headerName", token.getHeaderName(), "token", token.getToken()));
  }

  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> login(
      HttpServletRequest request,
      HttpServletResponse response,
      @RequestBody Map<String, Object> body) {
    if (!(body.get("username") instanceof String name)
        || !(body.get("password") instanceof String password)
        || name.isBlank()
        || name.length() > 64) {
      return json(400, Map.of("error", "username and password are required"));
    }
    Authentication user;
    try {
      user =
          authentication.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    } catch (AuthenticationException e) {
      // The session is not touched: a failed login changes nothing.
      return json(401, Map.of("error", "invalid credentials"));
    }
    // A new id at every login, so that an id planted before login is worth nothing after it.
    request.getSession();
    request.changeSessionId();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(user);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response); // sets the session's principal
    Sessions.of(request).set(NAME, user.getName());
    return json(200, Map.of("user", user.getName()));
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
  ResponseEntity<Map<String, Object>> logout(
      HttpServletRequest request, HttpServletResponse response, Authentication user) {
    new SecurityContextLogoutHandler().logout(request, response, user);
    return json(200, Map.of("loggedOut", true));
  }

  static <T> ResponseEntity<T> json(int status, T body) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
