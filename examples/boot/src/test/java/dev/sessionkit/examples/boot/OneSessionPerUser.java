package dev.sessionkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * The example with {@code MAX_SESSIONS_PER_USER=1} on a shared store, as an operator sees it: a
 * second Spring Security login of {@code frodo} expires the first (its next request is sent to
 * {@code /expired}, logged out) while {@code sam} stays logged in; {@code
 * /actuator/sessions?username=frodo} lists exactly one session, and a {@code DELETE} of its handle
 * ends it; readiness includes the store.
 */
final class OneSessionPerUser {

  /** The arguments that give the example its cap. */
  static final String MAX_ONE = "--MAX_SESSIONS_PER_USER=1";

  private OneSessionPerUser() {}

  static void check(int port, String store) throws Exception {
    Client first = new Client(port);
    assertThat(first.formLogin("frodo", "mellon").statusCode()).isEqualTo(302);
    Client sam = new Client(port);
    assertThat(sam.formLogin("sam", "potatoes").statusCode()).isEqualTo(302);
    assertThat(first.get("/sessions").statusCode()).isEqualTo(200);

    Client second = new Client(port);
    assertThat(second.formLogin("frodo", "mellon").statusCode()).isEqualTo(302);
    assertThat(second.get("/sessions").statusCode()).isEqualTo(200);
    HttpResponse<String> ousted = first.get("/sessions");
    assertThat(ousted.statusCode()).as("the first login's next request").isEqualTo(302);
    assertThat(ousted.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/expired"));
    assertThat(first.get("/expired").body()).contains("logged in somewhere else");
    assertThat(first.get("/api/users").statusCode()).as("then logged out").isEqualTo(401);
    assertThat(sam.get("/sessions").statusCode()).isEqualTo(200);

    JsonNode frodo = second.json("/actuator/sessions?username=frodo").path("sessions");
    assertThat(frodo).hasSize(1);
    String handle = frodo.get(0).path("id").asString();
    assertThat(second.cookie).doesNotContain(handle);
    assertThat(second.delete("/actuator/sessions/" + handle).statusCode()).isEqualTo(204);
    assertThat(second.get("/sessions").statusCode()).isEqualTo(302);
    assertThat(sam.get("/api/users").statusCode()).isEqualTo(200);

    Client operator = new Client(port);
    assertThat(operator.json("/actuator/health/readiness").path("status").asString())
        .isEqualTo("UP");
    assertThat(operator.get("/actuator/health").body())
        .contains("\"sessionkit\":{\"details\":{\"store\":\"" + store + "\"},\"status\":\"UP\"}");
  }
}
