package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit with small overridden settings over a store that counts how often it is opened and
 * closed. Run only by {@link KitSettingsTest}.
 */
class CountingStoreContract extends SessionStoreContract {

  static final AtomicInteger OPENED = new AtomicInteger();
  static final AtomicInteger CLOSED = new AtomicInteger();

  @Override
  protected SessionStore newStore(StoreContext context) {
    Clock clock = context.clock();
    OPENED.incrementAndGet();
    return new ReferenceStore(clock) {
      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }

  @Override
  protected int propertyTries() {
    return 7;
  }
}
