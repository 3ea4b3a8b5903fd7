package dev.sessionkit.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;

/** The kit over a store whose server is absent. Run only by {@link KitSettingsTest}. */
class UnavailableStoreContract extends SessionStoreContract {

  static final String REASON = "no server here: skipping the store contract";

  @Override
  protected SessionStore newStore(StoreContext context) {
    Clock clock = context.clock();
    assumeTrue(false, REASON);
    throw new AssertionError("unreachable");
  }
}
