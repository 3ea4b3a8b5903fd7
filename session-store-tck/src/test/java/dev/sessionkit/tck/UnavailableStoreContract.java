package dev.sessionkit.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionkit.SessionStore;

/** The kit over a store whose server is absent. Run only by {@link KitSettingsTest}. */
class UnavailableStoreContract extends SessionStoreContract {

  static final String REASON = "no server here: skipping the store contract";

  @Override
  protected SessionStore newStore(TestClock clock) {
    assumeTrue(false, REASON);
    throw new AssertionError("unreachable");
  }
}
