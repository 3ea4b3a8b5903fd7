package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every store's application test asks over HTTP: a session that counts, health, meters. */
final class StoreApps {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StoreApps() {}

  /** Three requests of one session count 1, 2, 3: the session is saved and read back. */
  static String countThrice(Http http) throws IOException, InterruptedException {
    HttpResponse<String> first = http.get("/public/count", null);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("1");
    String cookie = Http.cookie(first, "sid").orElseThrow();
    assertThat(Http.cookie(first, "JSESSIONID")).isEmpty();
    assertThat(http.get("/public/count", cookie).body()).isEqualTo("2");
    assertThat(http.get("/public/count", cookie).body()).isEqualTo("3");
    return cookie;
  }

  /** The {@code sessionkit} health component. */
  static JsonNode health(Http http) throws IOException, InterruptedException {
    HttpResponse<String> health = http.get("/actuator/health", null);
    return JSON.readTree(health.body()).path("components").path("sessionkit");
  }

  /** The sum of a meter's first measurement, as {@code /actuator/metrics/{name}} reports it. */
  static double metric(Http http, String nameAndTags) throws IOException, InterruptedException {
    HttpResponse<String> meter = http.get("/actuator/metrics/" + nameAndTags, null);
    assertThat(meter.statusCode()).as(nameAndTags).isEqualTo(200);
    return JSON.readTree(meter.body()).path("measurements").path(0).path("value").asDouble();
  }
}
