package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Construction checks of {@link RequireSession}; its behaviour is tested over HTTP. */
class RequireSessionTest {

  @Test
  void theAnswerMustBeAnErrorStatus() {
    assertThatThrownBy(() -> new RequireSession(200, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200");
    assertThatThrownBy(() -> new RequireSession(401, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("jsonBody");
  }
}
