package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory store chosen by name from text settings, as a WAR's sessionkit.properties does. */
class MemoryStoreProviderTest {

  private static StoreProvider provider() {
    return StoreProvider.named("memory", StoreProvider.class.getClassLoader());
  }

  @Test
  void itIsFoundByNameAndRefusesAValueItsBuilderRefuses() {
    assertThat(provider().settingNames())
        .containsExactlyInAnyOrder("maximum-size", "snapshot-file");
    assertThat(
            provider()
                .factory(TextSettings.of("sessionkit.memory.", Map.of("maximum-size", "50_000"))))
        .isInstanceOf(MemoryStoreBuilder.class);
    assertThatThrownBy(
            () ->
                provider()
                    .factory(TextSettings.of("sessionkit.memory.", Map.of("maximum-size", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionkit.memory.maximum-size: maximumSize must be at least 1: 0");
  }

  @Test
  void aNameNoProviderHasIsAnErrorListingThoseFound() {
    assertThatThrownBy(() -> StoreProvider.named("nosql", StoreProvider.class.getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no store named nosql")
        .hasMessageContaining("found: memory");
  }
}
