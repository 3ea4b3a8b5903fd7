package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTPS (served by the app, or by a proxy in front) the example's session cookie is a {@code
 * __Host-} cookie, so a sibling subdomain cannot toss one that shadows it; over plain HTTP it keeps
 * its plain name, which browsers accept on http://localhost.
 */
class ExampleHttpsIT {

  private static final String PASSWORD = "changeit";
  private static final String LOGIN = "{\"username\":\"frodo\",\"password\":\"mellon\"}";

  @TempDir static Path dir;
  static Path keystore;
  static HttpClient https;

  @BeforeAll
  static void makeACertificate() throws Exception {
    keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    https =
        HttpClient.newBuilder()
            .sslContext(tls)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  private static ExampleApp start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("PORT", "0");
    env.put("SESSION_SECRET", LoginFlowContract.SECRET);
    env.put("PBKDF2_ITERATIONS", "10000");
    return ExampleApp.start(ExampleConfig.from(env), Clock.systemUTC());
  }

  private static HttpResponse<String> send(URI uri, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    if (body != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie's Set-Cookie header, the only one of the answer. */
  private static String sessionSetCookie(HttpResponse<String> reply) {
    List<String> cookies = reply.headers().allValues("Set-Cookie");
    assertThat(cookies).hasSize(1);
    return cookies.get(0);
  }

  /** Checks a __Host- cookie as browsers do, and returns its value. */
  private static String hostCookieValue(String setCookie) {
    assertThat(setCookie).startsWith("__Host-sid=").contains("; Path=/").contains("; Secure");
    assertThat(setCookie.toLowerCase()).doesNotContain("domain=");
    return setCookie.substring("__Host-sid=".length(), setCookie.indexOf(';'));
  }

  @Test
  void servingHttpsItselfTheAppSetsAHostCookieAndReadsNoOther() throws Exception {
    try (ExampleApp app =
        start(Map.of("TLS_KEYSTORE", keystore.toString(), "TLS_KEYSTORE_PASSWORD", PASSWORD))) {
      assertThat(app.uri().getScheme()).isEqualTo("https");
      HttpResponse<String> login = send(app.uri().resolve("/api/login"), LOGIN);
      assertThat(login.statusCode()).isEqualTo(200);
      String value = hostCookieValue(sessionSetCookie(login));

      URI users = app.uri().resolve("/api/users");
      assertThat(send(users, null, "Cookie", "__Host-sid=" + value).statusCode()).isEqualTo(200);
      // A cookie a sibling subdomain could set has the plain name: it is not this app's session.
      assertThat(send(users, null, "Cookie", "sid=" + value).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void behindAnHttpsProxyTheAppSetsAHostCookieToo() throws Exception {
    try (ExampleApp app = start(Map.of("BEHIND_HTTPS_PROXY", "true"))) {
      assertThat(app.uri().getScheme()).isEqualTo("http");
      HttpResponse<String> login =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(app.uri().resolve("/api/login"))
                      .header("Content-Type", "application/json")
                      .header("X-Forwarded-Proto", "https")
                      .POST(HttpRequest.BodyPublishers.ofString(LOGIN))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      hostCookieValue(sessionSetCookie(login));
    }
  }

  @Test
  void overPlainHttpTheCookieKeepsItsPlainNameSoLocalhostWorks() throws Exception {
    try (ExampleApp app = start(Map.of())) {
      HttpResponse<String> login =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(app.uri().resolve("/api/login"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(LOGIN))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(sessionSetCookie(login)).startsWith("sid=").doesNotContain("Secure");
    }
  }
}
