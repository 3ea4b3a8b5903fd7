package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;

/** The kit against the reference store: the contract can be kept. */
class ReferenceStoreContractTest extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    Clock clock = context.clock();
    return new ReferenceStore(clock);
  }

  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    ((ReferenceStore) store).corrupt(key);
  }
}
