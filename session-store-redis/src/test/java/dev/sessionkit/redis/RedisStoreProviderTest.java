package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Redis store chosen by name from text settings, as a WAR's sessionkit.properties does. */
class RedisStoreProviderTest {

  private static StoreProvider provider() {
    return StoreProvider.named("redis", StoreProvider.class.getClassLoader());
  }

  private static TextSettings settings(Map<String, String> values) {
    return TextSettings.of("sessionkit.redis.", values);
  }

  @Test
  void itIsFoundByNameAndMakesABuilderFromTheSettings() {
    assertThat(
            provider()
                .factory(
                    settings(
                        Map.of(
                            "uri", "redis://127.0.0.1:1",
                            "timeout", "250ms",
                            "key-prefix", "shop:",
                            "near-cache.maximum-size", "1000"))))
        .isInstanceOf(RedisStoreBuilder.class);
  }

  @Test
  void missingUnknownOrWrongSettingsAreNamed() {
    assertThatThrownBy(() -> provider().factory(settings(Map.of())))
        .hasMessageContaining("sessionkit.redis.uri or sessionkit.redis.cluster-uris");
    assertThat(provider().settingNames()).contains("uri", "cluster-uris", "key-prefix", "timeout");
    assertThatThrownBy(
            () ->
                provider()
                    .factory(settings(Map.of("uri", "redis://x", "near-cache.maximum-age", "1m"))))
        .hasMessage(
            "sessionkit.redis.near-cache.maximum-age needs sessionkit.redis.near-cache.maximum-size");
    assertThatThrownBy(() -> provider().factory(settings(Map.of("uri", "http://x"))))
        .hasMessageContaining("sessionkit.redis.uri")
        .hasMessageContaining("is not a Redis URI");
  }
}
