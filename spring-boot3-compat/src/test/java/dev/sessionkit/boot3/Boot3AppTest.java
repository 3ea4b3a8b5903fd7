package dev.sessionkit.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 3.5 application with the starter and the jackson-annotations pin starts on Tomcat,
 * and its {@code HttpSession} is SessionKit's.
 */
class Boot3AppTest {

  /** The application: one endpoint that counts in its session. */
  @SpringBootApplication
  @RestController
  public static class App {
    @GetMapping("/count")
    String count(HttpSession session) {
      Integer count = (Integer) session.getAttribute("count");
      int next = count == null ? 1 : count + 1;
      session.setAttribute("count", next);
      return next + " " + session.getClass().getName();
    }
  }

  @Test
  void startsAndServesSessionKitSessions() throws Exception {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    SpringApplication app = new SpringApplication(App.class);
    try (ConfigurableApplicationContext context =
        app.run(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
            "--sessionkit.cookie.secure=never")) {
      int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> first =
          client.send(get(port, null), HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).startsWith("1 dev.sessionkit.servlet.");
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith("sid=");
      HttpResponse<String> second =
          client.send(
              get(port, cookie.substring(0, cookie.indexOf(';'))),
              HttpResponse.BodyHandlers.ofString());
      assertThat(second.body()).startsWith("2 ");
    }
  }

  @Test
  void thePinIsWhatMakesJackson3Loadable() throws Exception {
    // Boot 3.5's BOM manages an older jackson-annotations, without what Jackson 3 needs ...
    String bom = Files.readString(Path.of(System.getProperty("sessionkit.boot.bom")));
    Matcher managed = Pattern.compile("<jackson-bom.version>2\\.(\\d+)").matcher(bom);
    assertThat(managed.find()).isTrue();
    assertThat(Integer.parseInt(managed.group(1))).isLessThan(21);
    // ... and with the pin the class path has it.
    assertThat(Class.forName("com.fasterxml.jackson.annotation.JsonSerializeAs")).isNotNull();
  }

  private static HttpRequest get(int port, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/count"));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request.build();
  }
}
