package dev.sessionkit.spi;

/**
 * An optional capability of a store that removes expired sessions when asked, not only by itself:
 * the in-process and database stores, whose expired records otherwise wait for a scheduler or a
 * background sweep. A store whose backend expires records by itself (Redis, by TTL) does not
 * implement it. Implementations must be thread-safe; a sweep may run while requests use the store.
 */
public interface SessionSweep {

  /**
   * Removes every session that has expired by the engine's clock now, telling the engine's {@link
   * dev.sessionkit.SessionListener#expired listener} of each, and returns how many it removed.
   * Tests that move the clock call it; so does an application that runs the sweep on a schedule of
   * its own.
   *
   * @return how many expired sessions this call removed
   * @throws dev.sessionkit.SessionStoreException when the backend fails; what was removed before
   *     stays removed
   */
  long sweepExpired();
}
