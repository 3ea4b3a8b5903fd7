package dev.sessionkit;

/**
 * An optional capability of a store that notices expiry or eviction by itself (an in-process cache,
 * a backend with notifications). The engine subscribes its {@link SessionListener} when it is built
 * over such a store.
 */
public interface ExpiryEvents {

  /**
   * Adds a listener for {@link SessionListener#expired} and {@link SessionListener#evicted}. The
   * listener may be called on any thread.
   *
   * @param listener the listener
   */
  void subscribe(SessionListener listener);
}
