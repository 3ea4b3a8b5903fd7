package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The store's subscribers, told of the removals the store made by itself. Thread-safe. */
final class Listeners {

  private static final System.Logger LOG = System.getLogger(MemorySessionStore.class.getName());

  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

  void add(SessionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Expiry and eviction are events; an explicit delete or a replacement is the engine's to tell.
   */
  void fire(SessionKey key, SessionRecord record, RemovalCause cause, Instant now) {
    if (listeners.isEmpty() || (cause != RemovalCause.EXPIRED && cause != RemovalCause.SIZE)) {
      return;
    }
    SessionEvent event = new SessionEvent(key, record.principalIfAny(), now);
    for (SessionListener listener : listeners) {
      try {
        if (cause == RemovalCause.EXPIRED) {
          listener.expired(event);
        } else {
          listener.evicted(event);
        }
      } catch (RuntimeException e) {
        // A listener's bug must not break the cache's upkeep or the other listeners.
        LOG.log(
            System.Logger.Level.WARNING,
            "Session listener failed on " + cause + " of " + key + "; ignored",
            e);
      }
    }
  }
}
