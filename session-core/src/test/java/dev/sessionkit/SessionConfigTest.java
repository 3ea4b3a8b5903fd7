package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef-test";

  @Test
  void defaults() {
    SessionConfig c = SessionConfig.builder().secret(SECRET).build();
    assertThat(c.resave()).isFalse();
    assertThat(c.saveUninitialized()).isFalse();
    assertThat(c.rolling()).isFalse();
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.absoluteTimeout()).contains(Duration.ofHours(12));
    assertThat(c.touchInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.cookie().name()).isEqualTo("sid");
    assertThat(c.listener()).isSameAs(SessionListener.NONE);
    assertThat(c.clock()).isEqualTo(Clock.systemUTC());
    assertThat(c.attributeTypes()).isEmpty();
    assertThat(c.typeAliases()).isEmpty();
    assertThat(c.keyRing().size()).isEqualTo(1);
    assertThat(c.jsonMapper()).isNotNull();
    assertThat(c.random()).isNotNull();
  }

  @Test
  void aSecretIsRequired() {
    assertThatThrownBy(() -> SessionConfig.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret is required");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> SessionConfig.builder().secret("keep it secret, keep it safe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32");
  }

  @Test
  void aSettingGivenTwiceIsAnError() {
    assertThatThrownBy(() -> SessionConfig.builder().secret(SECRET).secret(SECRET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret was already set");
    assertThatThrownBy(() -> SessionConfig.builder().resave(true).resave(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resave");
    assertThatThrownBy(
            () -> SessionConfig.builder().absoluteTimeout(null).absoluteTimeout(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absoluteTimeout");
  }

  @Test
  void durationsAreChecked() {
    assertThatThrownBy(
            () -> SessionConfig.builder().secret(SECRET).idleTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be positive: PT0S");
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(SECRET)
                    .absoluteTimeout(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absoluteTimeout must be positive: PT-1S");
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(SECRET)
                    .touchInterval(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(SECRET)
                    .idleTimeout(Duration.ofMinutes(1))
                    .touchInterval(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("touchInterval");
  }

  @Test
  void absoluteTimeoutCanBeSwitchedOff() {
    SessionConfig c = SessionConfig.builder().secret(SECRET).absoluteTimeout(null).build();
    assertThat(c.absoluteTimeout()).isEmpty();
  }

  @Test
  void aMissingSecretFromTheEnvironmentNamesTheSetting() {
    String unset = System.getenv("SESSIONKIT_TEST_VARIABLE_THAT_IS_NEVER_SET");
    assertThatThrownBy(() -> SessionConfig.builder().secret(unset))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("secret is null")
        .hasMessageContaining("environment variable");
  }

  @Test
  void aBuilderBuildsAgainAndKeepsNoDefaults() {
    SessionConfigBuilder builder = SessionConfig.builder().secret(SECRET);
    SessionConfig first = builder.build();
    SessionConfig second = builder.idleTimeout(Duration.ofMinutes(5)).build();
    assertThat(first.idleTimeout()).isEqualTo(SessionConfig.DEFAULT_IDLE_TIMEOUT);
    assertThat(second.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(second.cookie().name()).isEqualTo(first.cookie().name());
  }

  @Test
  void theAbsoluteTimeoutCanBeSwitchedOffOnce() {
    SessionConfig off = SessionConfig.builder().secret(SECRET).absoluteTimeout(null).build();
    assertThat(off.absoluteTimeout()).isEmpty();
  }
}
