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
 * would echo the request, cookies included, back to a script) is 405, and a body in a charset the
 * JVM does not know is 400, both as JSON rather than the container's HTML error page.
 */
final class MethodGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (req.getMethod().equals("TRACE")) {
      resp.setHeader("Allow", "GET, POST, HEAD, OPTIONS");
      send(resp, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    String charset = req.getCharacterEncoding();
    if (charset != null && !isSupported(charset)) {
      send(resp, 400, "{\"error\":\"unsupported charset\"}");
      return;
    }
    chain.doFilter(req, resp);
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
