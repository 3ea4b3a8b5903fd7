package dev.sessionkit.tck;

import dev.sessionkit.SessionStore;

/** The kit against the reference store: the contract can be kept. */
class ReferenceStoreContractTest extends SessionStoreContract {

  @Override
  protected SessionStore newStore(TestClock clock) {
    return new ReferenceStore(clock);
  }
}
