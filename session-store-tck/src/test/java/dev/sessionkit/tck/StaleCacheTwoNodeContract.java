package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-node contract against a node that keeps what it loads and is never told of changes made
 * elsewhere, nor checks a kept session's deadline. Run only by {@link KitCatchesBrokenStoresTest},
 * which expects every test to fail.
 */
class StaleCacheTwoNodeContract extends TwoNodeContract {

  @Override
  protected Nodes newNodes(StoreContext context) {
    ReferenceStore shared = new ReferenceStore(context.clock());
    return new Nodes(new StaleCache(shared), shared);
  }

  /** Its own writes drop what it kept; nothing else ever does. */
  static final class StaleCache implements SessionStore {

    private final SessionStore backend;
    private final Map<SessionKey, SessionRecord> kept = new ConcurrentHashMap<>();

    StaleCache(SessionStore backend) {
      this.backend = backend;
    }

    @Override
    public Optional<SessionRecord> load(SessionKey key) {
      SessionRecord copy = kept.get(key);
      if (copy != null) {
        return Optional.of(copy); // the bugs: never invalidated, never checked against the clock
      }
      Optional<SessionRecord> loaded = backend.load(key);
      loaded.ifPresent(record -> kept.put(key, record));
      return loaded;
    }

    @Override
    public void create(SessionRecord record) {
      backend.create(record);
      kept.remove(record.key());
    }

    @Override
    public boolean apply(SessionDelta delta) {
      kept.remove(delta.key());
      return backend.apply(delta);
    }

    @Override
    public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
      kept.remove(key);
      return backend.touch(key, lastAccessTime, expiresAt);
    }

    @Override
    public boolean delete(SessionKey key) {
      kept.remove(key);
      return backend.delete(key);
    }
  }
}
