package dev.sessionkit.examples.boot;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Your sessions" as JSON, as in the Jetty example: {@code GET /api/sessions}, {@code DELETE
 * /api/sessions/{handle}}, {@code POST /api/logout-others}. Spring Security lets only logged-in
 * users here; sessions are named by their handles, never by id.
 */
@RestController
class SessionsController {

  /** Why sealed sessions have no list. */
  static final String UNAVAILABLE =
      "This app keeps each session sealed in its own cookie (SESSION_STORE=cookie), so nothing on"
          + " the server knows which sessions are yours.";

  private final Optional<SessionsByPrincipal> byPrincipal;

  SessionsController(SessionManager sessions) {
    this.byPrincipal = sessions.byPrincipal();
  }

  @GetMapping("/api/sessions")
  ResponseEntity<Map<String, Object>> list(HttpServletRequest request) {
    if (byPrincipal.isEmpty()) {
      return ApiController.json(501, Map.of("error", UNAVAILABLE));
    }
    List<Map<String, Object>> list =
        byPrincipal.get().list(Sessions.of(request)).stream()
            .map(SessionsController::describe)
            .toList();
    return ApiController.json(200, Map.of("sessions", list));
  }

  @DeleteMapping("/api/sessions/{handle}")
  ResponseEntity<Map<String, Object>> logOutOne(
      HttpServletRequest request, @PathVariable String handle) {
    if (byPrincipal.isEmpty()) {
      return ApiController.json(501, Map.of("error", UNAVAILABLE));
    }
    Session session = Sessions.of(request);
    // A made-up handle, an ended session and another user's session all get the same answer.
    if (!byPrincipal.get().invalidate(session, handle)) {
      return ApiController.json(404, Map.of("error", "no such session"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("loggedOut", 1);
    body.put("current", !session.isValid());
    return ApiController.json(200, body);
  }

  @PostMapping("/api/logout-others")
  ResponseEntity<Map<String, Object>> logOutOthers(HttpServletRequest request) {
    if (byPrincipal.isEmpty()) {
      return ApiController.json(501, Map.of("error", UNAVAILABLE));
    }
    return ApiController.json(
        200, Map.of("loggedOut", byPrincipal.get().invalidateOthers(Sessions.of(request))));
  }

  /** The sessions of the request's user, for the page. */
  List<SessionInfo> of(HttpServletRequest request) {
    return byPrincipal.map(all -> all.list(Sessions.of(request))).orElse(List.of());
  }

  boolean available() {
    return byPrincipal.isPresent();
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
}
