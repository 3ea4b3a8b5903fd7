package dev.sessionkit.examples.boot;

import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages: the Jetty example's page and scripts, with {@code csrf.js} in front to send Spring
 * Security's CSRF token with their posts, and "your sessions" ({@code /sessions}), which works
 * without JavaScript through plain form posts that carry Spring Security's CSRF field and are
 * answered by {@code 303} redirects.
 */
@RestController
class PageController {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  // The Jetty example's page, with the CSRF script loaded before its own.
  private final byte[] page =
      new String(resource("index.html"), StandardCharsets.UTF_8)
          .replace(
              "<script src=\"/app.js\" defer></script>",
              "<script src=\"/csrf.js\" defer></script><script src=\"/app.js\" defer></script>")
          .getBytes(StandardCharsets.UTF_8);
  private final byte[] csrfScript = resource("csrf.js");
  private final byte[] script = resource("app.js");
  private final byte[] sessionsScript = resource("sessions.js");
  private final byte[] style = resource("app.css");
  private final SessionsController sessions;
  private final SessionManager manager;

  PageController(SessionsController sessions, SessionManager manager) {
    this.sessions = sessions;
    this.manager = manager;
  }

  @GetMapping("/")
  ResponseEntity<byte[]> page() {
    return send(page, MediaType.valueOf("text/html;charset=UTF-8"));
  }

  @GetMapping("/app.js")
  ResponseEntity<byte[]> script() {
    return send(script, MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  @GetMapping("/csrf.js")
  ResponseEntity<byte[]> csrfScript() {
    return send(csrfScript, MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  @GetMapping("/sessions.js")
  ResponseEntity<byte[]> sessionsScript() {
    return send(sessionsScript, MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  @GetMapping("/app.css")
  ResponseEntity<byte[]> style() {
    return send(style, MediaType.valueOf("text/css;charset=UTF-8"));
  }

  @GetMapping("/sessions")
  ResponseEntity<byte[]> sessionsPage(
      HttpServletRequest request,
      Principal user,
      CsrfToken csrf,
      @RequestParam(required = false) String ended) {
    StringBuilder main = new StringBuilder("<section class=\"card\"><h1>Your sessions</h1>");
    if (!sessions.available()) {
      main.append("<p class=\"notice info\" id=\"unavailable\">")
          .append(escape(SessionsController.UNAVAILABLE))
          .append("</p></section>");
      return html(user, csrf, main);
    }
    main.append(
        "<p class=\"lead\">Everywhere you are logged in. If you do not recognise one, log it out.</p>");
    String message =
        "1".equals(ended)
            ? "That session is logged out."
            : "0".equals(ended) ? "That session had already ended." : null;
    main.append("<p id=\"message\" class=\"notice\" role=\"status\"")
        .append(message == null ? " hidden>" : ">" + message)
        .append("</p><ul class=\"sessions\" id=\"sessions\">");
    var list = sessions.of(request);
    for (SessionInfo info : list) {
      main.append("<li class=\"session")
          .append(info.current() ? " current" : "")
          .append("\" data-handle=\"")
          .append(escape(info.handle()))
          .append("\"><div class=\"device\">")
          .append(escape(info.device().orElse("Unknown device")))
          .append(info.current() ? " <span class=\"badge\">This device</span>" : "")
          .append("</div><dl><dt>Logged in</dt><dd><time datetime=\"")
          .append(info.creationTime())
          .append("\">")
          .append(WHEN.format(info.creationTime()))
          .append("</time></dd><dt>Last seen</dt><dd><time datetime=\"")
          .append(info.lastAccessTime())
          .append("\">")
          .append(WHEN.format(info.lastAccessTime()))
          .append("</time></dd></dl><form method=\"post\" action=\"/sessions/logout\">")
          .append(hidden(csrf.getParameterName(), csrf.getToken()))
          .append(hidden("handle", info.handle()))
          .append("<button type=\"submit\" class=\"secondary\">Log out</button></form></li>");
    }
    main.append(
            "</ul><form method=\"post\" action=\"/sessions/logout-others\" id=\"logout-others\">")
        .append(hidden(csrf.getParameterName(), csrf.getToken()))
        .append("<button type=\"submit\" class=\"danger\"")
        .append(list.size() > 1 ? "" : " disabled")
        .append(">Log out everywhere else</button></form></section>");
    return html(user, csrf, main);
  }

  /**
   * Where Spring Security's {@code expiredUrl} sends a browser whose login another login of the
   * same user ended ({@code maximumSessions}): logged out by then, told why.
   */
  @GetMapping("/expired")
  ResponseEntity<byte[]> expired() {
    String body =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Logged out</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body>"
            + "<main><section class=\"card\"><h1>You were logged out</h1>"
            + "<p class=\"notice info\" id=\"expired\">This account logged in somewhere else, and"
            + " it may have only so many sessions at once.</p>"
            + "<p><a href=\"/login\">Log in again</a></p></section></main></body></html>";
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.valueOf("text/html;charset=UTF-8"))
        .body(body.getBytes(StandardCharsets.UTF_8));
  }

  @PostMapping("/sessions/logout")
  ResponseEntity<Void> logOutOne(HttpServletRequest request, @RequestParam String handle) {
    boolean ended =
        manager
            .byPrincipal()
            .map(all -> all.invalidate(Sessions.of(request), handle))
            .orElse(false);
    if (ended && !Sessions.of(request).isValid()) {
      return seeOther("/login?logout"); // this device logged itself out
    }
    return seeOther(ended ? "/sessions?ended=1" : "/sessions?ended=0");
  }

  @PostMapping("/sessions/logout-others")
  ResponseEntity<Void> logOutOthers(HttpServletRequest request) {
    manager.byPrincipal().ifPresent(all -> all.invalidateOthers(Sessions.of(request)));
    return seeOther("/sessions");
  }

  private ResponseEntity<byte[]> html(Principal user, CsrfToken csrf, StringBuilder main) {
    String body =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Your sessions</title><link rel=\"stylesheet\" href=\"/app.css\">"
            + "<script src=\"/csrf.js\" defer></script>"
            + "<script src=\"/sessions.js\" defer></script></head><body>"
            + "<header class=\"bar\"><a class=\"brand\" href=\"/\">SessionKit example</a><nav>"
            + "<span class=\"who\">Signed in as <strong>"
            + escape(user.getName())
            + "</strong></span><form method=\"post\" action=\"/logout\" class=\"inline\">"
            + hidden(csrf.getParameterName(), csrf.getToken())
            + "<button type=\"submit\" class=\"link\">Log out</button></form></nav></header><main>"
            + main
            + "</main></body></html>";
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.valueOf("text/html;charset=UTF-8"))
        .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        .body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<Void> seeOther(String location) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static ResponseEntity<byte[]> send(byte[] body, MediaType type) {
    return ResponseEntity.ok()
        .contentType(type)
        // Scripts only from this origin: an injected inline script would not run.
        .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        .header("X-Content-Type-Options", "nosniff")
        .body(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PageController.class.getResourceAsStream("/page/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /page/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
