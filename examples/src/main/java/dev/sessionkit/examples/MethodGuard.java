package dev.sessionkit.examples;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;

/**
 * Answers, before anything else runs, the requests the app does not serve: {@code TRACE} (which
 * would echo the request, cookies included, back to a script) is 405, a body in a charset the JVM
 * does not know is 400, and a state-changing request that a browser says came from another site or
 * origin is 403 (cross-site request forgery), all as JSON rather than the container's HTML error
 * page.
 *
 * <p>The forgery check is the Fetch Metadata and Origin defence: browsers send {@code
 * Sec-Fetch-Site} and {@code Origin} with every {@code POST}, and a page cannot forge them. {@code
 * SameSite=Lax} already keeps the cookie off cross-site posts; this also stops a page on a sibling
 * subdomain (same site, other origin), and login forgery, where no cookie is involved. Requests
 * without either header (curl, server-to-server) are not from a browser and pass.
 */
final class MethodGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (req.getMethod().equals("TRACE")) {
      resp.setHeader("Allow", "GET, POST, DELETE, HEAD, OPTIONS");
      send(resp, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    String charset = req.getCharacterEncoding();
    if (charset != null && !isSupported(charset)) {
      send(resp, 400, "{\"error\":\"unsupported charset\"}");
      return;
    }
    if (!isSafe(req.getMethod()) && !isSameOrigin(req)) {
      send(resp, 403, "{\"error\":\"cross-origin request refused\"}");
      return;
    }
    chain.doFilter(req, resp);
  }

  private static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  private static boolean isSameOrigin(HttpServletRequest req) {
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false; // cross-site or same-site: another origin's page made this request
    }
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    // The scheme is left out: behind a TLS-terminating proxy this server sees http.
    int authority = origin.indexOf("://");
    String host = req.getHeader("Host");
    return authority > 0 && host != null && origin.substring(authority + 3).equalsIgnoreCase(host);
  }

  private static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  private static void send(HttpServletResponse resp, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json;charset=UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
