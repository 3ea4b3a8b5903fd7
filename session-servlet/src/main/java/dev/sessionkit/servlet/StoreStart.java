package dev.sessionkit.servlet;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.StoreFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine of a WAR set up by {@link SessionKitSetup}, built at deploy, or later when its store
 * could not be reached then: a store that fails to build (a database that is down) is tried again
 * at the first request at least {@link #RETRY_INTERVAL} after the last try, so the application
 * deploys and answers 503 until the store is back, with no redeploy. Thread-safe.
 */
final class StoreStart implements AutoCloseable {

  /** The least time between two tries to build the store, by the config's clock. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(SessionKitSetup.class.getName());

  private final SessionConfig config;
  private final StoreFactory store;
  private SessionManager manager;
  private Instant lastTry;
  private boolean failedBefore;
  private boolean closed;

  /**
   * @param config the engine's settings
   * @param store the store's factory, or null for sealed sessions (no store)
   */
  StoreStart(SessionConfig config, StoreFactory store) {
    this.config = config;
    this.store = store;
  }

  /** The engine, built now if it is due; null while the store cannot be built. */
  synchronized SessionManager manager() {
    if (manager != null || closed) {
      return manager;
    }
    Instant now = config.clock().instant();
    if (lastTry != null && now.isBefore(lastTry.plus(RETRY_INTERVAL))) {
      return null;
    }
    lastTry = now;
    try {
      manager =
          store == null ? SessionManager.sealed(config) : SessionManager.create(config, store);
      if (failedBefore) {
        LOG.log(System.Logger.Level.INFO, "the session store is reachable: sessions are served");
      }
    } catch (SessionStoreException e) {
      LOG.log(
          failedBefore ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
          "the session store cannot be built yet; requests are answered as a store failure"
              + " until it can (tried again at most every "
              + RETRY_INTERVAL.toSeconds()
              + " s): "
              + e.getMessage());
      failedBefore = true;
    }
    return manager;
  }

  /** Closes the engine and its store if they were built; safe after a failed start, and twice. */
  @Override
  public synchronized void close() {
    closed = true;
    SessionManager built = manager;
    manager = null;
    if (built != null) {
      built.close();
    }
  }
}
