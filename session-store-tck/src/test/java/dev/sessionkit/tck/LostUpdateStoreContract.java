package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;

/**
 * The kit against a store that applies a delta as read, merge, write with no lock, as a naive
 * backend store would. Run only by {@link KitCatchesBrokenStoresTest}, which expects failures.
 */
class LostUpdateStoreContract extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    Clock clock = context.clock();
    return new LostUpdateStore(clock);
  }

  static final class LostUpdateStore extends ReferenceStore {

    LostUpdateStore(Clock clock) {
      super(clock);
    }

    @Override
    public boolean apply(SessionDelta asked) {
      SessionDelta delta;
      SessionRecord current;
      // The read takes the lock, the merge and the write are apart: that is the bug.
      synchronized (this) {
        delta = asked.withKey(target(asked.key()));
        current = live(delta.key());
      }
      if (current == null) {
        return false;
      }
      SessionRecord merged = current.apply(delta);
      // A network round trip sits here in a real store; yielding widens the race the same way.
      Thread.yield();
      synchronized (this) {
        records.put(delta.key(), merged);
      }
      return true;
    }
  }
}
