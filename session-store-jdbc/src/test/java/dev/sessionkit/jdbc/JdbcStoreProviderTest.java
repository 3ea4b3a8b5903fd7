package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDBC store chosen by name from text settings, as a WAR's sessionkit.properties does. */
class JdbcStoreProviderTest {

  private static StoreProvider provider() {
    return StoreProvider.named("jdbc", StoreProvider.class.getClassLoader());
  }

  @Test
  void itIsFoundByNameAndMakesABuilderFromTheSettings() {
    assertThat(provider().settingNames()).contains("url", "user", "password", "table-name");
    assertThat(
            provider()
                .factory(
                    TextSettings.of(
                        "sessionkit.jdbc.",
                        Map.of(
                            "url", "jdbc:h2:mem:provider",
                            "table-name", "war_sessions",
                            "sweep-interval", "5m",
                            "sweep-batch-size", "500"))))
        .isInstanceOf(JdbcStoreBuilder.class);
  }

  @Test
  void aMissingUrlOrAWrongValueIsNamed() {
    assertThatThrownBy(() -> provider().factory(TextSettings.of("sessionkit.jdbc.", Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sessionkit.store=jdbc needs sessionkit.jdbc.url");
    assertThatThrownBy(
            () ->
                provider()
                    .factory(
                        TextSettings.of(
                            "sessionkit.jdbc.",
                            Map.of("url", "jdbc:h2:mem:x", "sweeper", "maybe"))))
        .hasMessage("sessionkit.jdbc.sweeper must be true or false: maybe");
  }
}
