package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The executable jar, started as the README says ({@code SESSION_STORE=redis REDIS_URI=… java -jar
 * examples/boot/target/sessionkit-example-boot.jar}), against the Redis named by
 * SESSIONKIT_REDIS_URI (else an embedded Redis): a login is kept in Redis and the health endpoint
 * shows the store.
 */
class BootJarIT {

  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

  @Test
  void theJarServesSessionsFromRedis() throws Exception {
    String redis = TestServers.redisUri("BootJarIT");
    Path jar = Path.of(System.getProperty("sessionkit.example.jar"));
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString()))
            .redirectErrorStream(true);
    builder.environment().put("PORT", "0");
    builder.environment().put("SESSION_STORE", "redis");
    builder.environment().put("REDIS_URI", redis);
    builder
        .environment()
        .put("SESSIONKIT_REDIS_KEY_PREFIX", "sessionkit-boot-jar:" + UUID.randomUUID() + ":");
    builder.environment().put("SESSION_SECRET", "a-test-secret-that-is-long-enough-for-hmac");
    builder.environment().put("PBKDF2_ITERATIONS", "1000");
    Process process = builder.start();
    try {
      int port = portOf(process);
      Client browser = new Client(port);
      HttpResponse<String> login =
          browser.postJson("/api/login", "{\"username\":\"frodo\",\"password\":\"mellon\"}");
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(browser.get("/api/users").statusCode()).isEqualTo(200);
      assertThat(browser.get("/actuator/health").body())
          .contains("\"sessionkit\":{\"details\":{\"store\":\"redis\"},\"status\":\"UP\"}");
      assertThat(browser.get("/actuator/metrics/sessionkit.store.calls").statusCode())
          .isEqualTo(200);
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Reads the child's output until Tomcat says where it listens; keeps draining it after. */
  private static int portOf(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  Matcher m = STARTED.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
                port.completeExceptionally(new IOException("the application exited"));
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (log) {
        Files.writeString(Path.of("target", "boot-jar.log"), log);
        throw new AssertionError("the jar did not start; its output:\n" + log, e);
      }
    }
  }
}
