package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Tells the engine's listener of the removals the store made by itself. Thread-safe. */
final class Listeners {

  private static final System.Logger LOG = System.getLogger(MemorySessionStore.class.getName());

  private final SessionListener listener;

  Listeners(SessionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Whether anyone listens; without a listener the store need not schedule a thing. */
  boolean wantsEvents() {
    return listener != SessionListener.NONE;
  }

  /**
   * Expiry and eviction are events; an explicit delete or a replacement is the engine's to tell.
   */
  void fire(MemoryKey key, byte[] packed, RemovalCause cause, Instant now) {
    if (listener == SessionListener.NONE
        || (cause != RemovalCause.EXPIRED && cause != RemovalCause.SIZE)) {
      return;
    }
    SessionEvent event =
        new SessionEvent(key.toSessionKey(), Optional.ofNullable(Packed.principal(packed)), now);
    try {
      if (cause == RemovalCause.EXPIRED) {
        listener.expired(event);
      } else {
        listener.evicted(event);
      }
    } catch (RuntimeException e) {
      // A listener's bug must not break the cache's upkeep.
      LOG.log(
          System.Logger.Level.WARNING,
          "Session listener failed on " + cause + " of " + key + "; ignored",
          e);
    }
  }
}
