package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SameSite;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings written as text: one way to read each kind, and messages that name the setting. */
class TextSettingsTest {

  private final TextSettings settings =
      TextSettings.of(
          "sessionkit.",
          Map.of(
              "idle-timeout", " 15m ",
              "timeout", "500ms",
              "iso", "PT2H",
              "bare", "90",
              "rolling", "TRUE",
              "same-site", "strict",
              "redis.uri", "redis://localhost",
              "redis.key-prefix", "shop:"));

  @Test
  void durationsSwitchesAndChoicesAreRead() {
    assertThat(settings.duration("idle-timeout")).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.duration("timeout")).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.duration("iso")).isEqualTo(Duration.ofHours(2));
    assertThat(settings.duration("bare")).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.bool("rolling")).isTrue();
    assertThat(settings.choice("same-site", SameSite.class)).isEqualTo(SameSite.STRICT);
    assertThat(settings.string("missing")).isNull();
    assertThat(settings.duration("missing")).isNull();
  }

  @Test
  void settingsBelowAPrefixKeepTheFullNameForMessages() {
    TextSettings redis = settings.below("redis.");
    assertThat(redis.names()).containsExactlyInAnyOrder("uri", "key-prefix");
    assertThatThrownBy(() -> redis.requireKnown(Set.of("uri")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown setting sessionkit.redis.key-prefix; known:");
  }

  @Test
  void aValueThatCannotBeReadIsAnErrorNamingTheSetting() {
    TextSettings bad =
        TextSettings.of(
            "sessionkit.",
            Map.of("a", "soon", "b", "yes", "c", "loose", "d", "99999999999999999999d", "e", "x"));
    assertThatThrownBy(() -> bad.duration("a")).hasMessageContaining("sessionkit.a is not a");
    assertThatThrownBy(() -> bad.bool("b")).hasMessage("sessionkit.b must be true or false: yes");
    assertThatThrownBy(() -> bad.choice("c", SameSite.class))
        .hasMessage("sessionkit.c must be one of lax, strict, none: loose");
    assertThatThrownBy(() -> bad.duration("d")).hasMessageContaining("sessionkit.d");
    assertThatThrownBy(() -> bad.number("e")).hasMessageContaining("sessionkit.e must be a whole");
    assertThatThrownBy(() -> bad.requireWith("e", "f"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sessionkit.e needs sessionkit.f");
  }

  @Test
  void aSetterThatRefusesAValueNamesTheSetting() {
    assertThatThrownBy(
            () ->
                settings.apply(
                    "timeout",
                    settings::duration,
                    d -> {
                      throw new IllegalArgumentException("must be at least 1 s");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionkit.timeout: must be at least 1 s");
  }
}
