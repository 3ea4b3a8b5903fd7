package dev.sessionkit.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the single page ({@code /}), its script, the stylesheet every page shares, and the script
 * that enhances the sessions page; the page talks to {@code /api}.
 */
final class PageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html;charset=UTF-8"},
          "/app.js", new String[] {"app.js", "text/javascript;charset=UTF-8"},
          "/sessions.js", new String[] {"sessions.js", "text/javascript;charset=UTF-8"},
          "/app.css", new String[] {"app.css", "text/css;charset=UTF-8"});

  private final transient Map<String, byte[]> bodies;

  PageServlet() {
    Map<String, byte[]> read = new HashMap<>();
    FILES.forEach((path, file) -> read.put(path, resource(file[0])));
    this.bodies = Map.copyOf(read);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PageServlet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getRequestURI();
    byte[] body = bodies.get(path);
    if (body == null) {
      resp.sendError(404);
      return;
    }
    resp.setContentType(FILES.get(path)[1]);
    // Scripts only from this origin: an injected inline script would not run.
    resp.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
