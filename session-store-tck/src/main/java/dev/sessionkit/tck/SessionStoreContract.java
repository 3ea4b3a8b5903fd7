package dev.sessionkit.tck;

import dev.sessionkit.SessionStore;

/**
 * The contract every {@link SessionStore} keeps, as JUnit 5 tests. Extend it in your store's test
 * sources and supply a fresh, empty store that reads time from the given clock.
 *
 * <pre>{@code
 * class MyStoreContractTest extends SessionStoreContract {
 *   protected SessionStore newStore(TestClock clock) {
 *     return new MyStore(clock);
 *   }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract {

  /**
   * Creates a fresh store for one test. The kit closes it after the test.
   *
   * @param clock the clock the store must read time from; tests move it
   * @return an empty store
   */
  protected abstract SessionStore newStore(TestClock clock);
}
