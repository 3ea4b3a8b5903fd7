package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application pointed at a "Redis" that accepts connections and never answers, the hardest way
 * for a store to be down: it starts, a request that needs its session gets 503 with the JSON body,
 * and the health endpoint answers DOWN (HTTP 503) once the store's timeout has passed, rather than
 * hanging, while the rest of the application stays UP.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sessionkit.secret=a-test-secret-that-is-long-enough-for-hmac",
      "sessionkit.store=redis",
      "sessionkit.redis.timeout=300ms",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class RedisDownAppIT {

  private static final SilentServer SILENT = new SilentServer();

  @DynamicPropertySource
  static void silentRedis(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.redis.uri", () -> "redis://127.0.0.1:" + SILENT.port());
  }

  @AfterAll
  static void stopServer() {
    SILENT.close();
  }

  @LocalServerPort int port;

  @Test
  void healthIsDownAndSessionRequestsGet503() throws Exception {
    Http http = new Http(port);
    HttpResponse<String> count = http.get("/public/count", null);
    assertThat(count.statusCode()).isEqualTo(503);
    assertThat(count.body()).isEqualTo("{\"error\":\"session store unavailable\"}");

    HttpResponse<String> health = http.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(503);
    JsonNode sessionkit = StoreApps.health(http);
    assertThat(sessionkit.path("status").asString()).isEqualTo("DOWN");
    assertThat(sessionkit.path("details").path("store").asString()).isEqualTo("redis");
    assertThat(sessionkit.path("details").path("error").asString())
        .startsWith("dev.sessionkit.SessionStore");
    assertThat(StoreApps.metric(http, "sessionkit.store.failures")).isGreaterThanOrEqualTo(1);
    assertThat(http.get("/actuator/health/ping", null).statusCode()).isEqualTo(200);
  }

  /** Accepts TCP connections on a free loopback port, reads nothing, answers nothing. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() {
      try {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread accept =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "silent-redis");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() {
      try {
        server.close();
        for (Socket socket : held) {
          socket.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
