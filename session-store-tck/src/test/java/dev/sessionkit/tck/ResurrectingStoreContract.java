package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The kit against a store that brings sessions back: an upsert on apply, and a touch that never
 * looks at expiry. Run only by {@link KitCatchesBrokenStoresTest}, which expects failures.
 */
class ResurrectingStoreContract extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    Clock clock = context.clock();
    return new ResurrectingStore(clock);
  }

  @Override
  protected int propertyTries() {
    return 200;
  }

  static final class ResurrectingStore extends ReferenceStore {

    ResurrectingStore(Clock clock) {
      super(clock);
    }

    @Override
    public synchronized boolean apply(SessionDelta asked) {
      SessionDelta delta = asked.withKey(target(asked.key()));
      SessionRecord current = live(delta.key());
      if (current == null) {
        // The bug: a save of a session that is gone writes it afresh.
        Instant now = delta.lastAccessTime();
        current =
            new SessionRecord(delta.key(), now, now, delta.idleTimeout(), null, null, Map.of());
      }
      records.put(delta.key(), current.apply(delta));
      return true;
    }

    @Override
    public synchronized boolean touch(SessionKey asked, Instant lastAccessTime, Instant expiresAt) {
      SessionKey key = target(asked);
      // The bug: an expired record that is still in the map gets a new lease of life.
      SessionRecord current = records.get(key);
      if (current == null) {
        return false;
      }
      records.put(key, current.touch(lastAccessTime));
      return true;
    }
  }
}
