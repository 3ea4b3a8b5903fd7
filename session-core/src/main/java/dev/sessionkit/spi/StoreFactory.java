package dev.sessionkit.spi;

/**
 * Builds a store for an engine. Every store's builder is one, so an application writes {@code
 * SessionManager.create(config, MemorySessionStore.builder().maximumSize(50_000))} and the engine
 * hands the store its clock and listener. The engine then owns the store and closes it.
 */
@FunctionalInterface
public interface StoreFactory {

  /**
   * Builds the store.
   *
   * @param context the engine's clock and listener
   * @return a new store, which the caller closes
   * @throws IllegalStateException when the settings are incomplete or conflict
   * @throws dev.sessionkit.SessionStoreException when the backend cannot be reached at build
   */
  SessionStore create(StoreContext context);
}
