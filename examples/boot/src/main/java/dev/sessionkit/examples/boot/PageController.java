package dev.sessionkit.examples.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the Jetty example's page and script, with the same headers. */
@RestController
class PageController {

  private final byte[] page = resource("index.html");
  private final byte[] script = resource("app.js");

  @GetMapping("/")
  ResponseEntity<byte[]> page() {
    return send(page, MediaType.valueOf("text/html;charset=UTF-8"));
  }

  @GetMapping("/app.js")
  ResponseEntity<byte[]> script() {
    return send(script, MediaType.valueOf("text/javascript;charset=UTF-8"));
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
