package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;

/** The whole store contract against the memory store, built as applications build it. */
class MemorySessionStoreContractTest extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    return MemorySessionStore.builder().create(context);
  }
}
