package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Finding a store by name: core's own class path holds no store. */
class StoreProviderTest {

  @Test
  void aNameNoProviderHasIsAnErrorSayingWhatToAdd() {
    assertThatThrownBy(() -> StoreProvider.named("redis", getClass().getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no store named redis on the class path: add session-store-redis and its"
                + " dependencies (found: none)");
  }
}
