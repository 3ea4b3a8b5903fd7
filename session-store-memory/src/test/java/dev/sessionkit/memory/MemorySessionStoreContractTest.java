package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.SessionStoreContract;
import dev.sessionkit.tck.TestClock;

/** The whole store contract against the memory store, built as applications build it. */
class MemorySessionStoreContractTest extends SessionStoreContract {

  @Override
  protected SessionStore newStore(TestClock clock) {
    return MemorySessionStore.builder().clock(clock).build();
  }
}
