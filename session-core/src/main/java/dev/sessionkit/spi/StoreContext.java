package dev.sessionkit.spi;

import dev.sessionkit.SessionListener;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine hands a store when it builds it: the one clock every deadline is read from, and
 * the listener that hears of sessions the store ends by itself (expiry, eviction). A store never
 * has a clock of its own, so the engine and the store cannot disagree about what has expired.
 *
 * @param clock the engine's clock
 * @param listener the engine's listener; {@link SessionListener#NONE} when nobody listens
 */
public record StoreContext(Clock clock, SessionListener listener) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public StoreContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
  }

  /**
   * A context on the system clock with no listener, for tools that use a store without an engine.
   *
   * @return the context
   */
  public static StoreContext systemDefault() {
    return new StoreContext(Clock.systemUTC(), SessionListener.NONE);
  }
}
