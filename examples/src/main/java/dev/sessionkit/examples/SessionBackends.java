package dev.sessionkit.examples;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.StoreFactory;
import java.util.Locale;

/** The one place that turns {@code SESSION_STORE} into a session engine. */
final class SessionBackends {

  private SessionBackends() {}

  /**
   * Builds the engine for the configured store and checks that the store answers. The engine owns
   * the store: closing it closes the store.
   */
  static SessionManager create(ExampleConfig config, SessionConfig sessions) {
    if (config.sessionStore() == ExampleConfig.SessionStoreKind.COOKIE) {
      return SessionManager.sealed(sessions);
    }
    SessionManager manager = SessionManager.create(sessions, factory(config));
    try {
      checkReachable(config, manager);
      return manager;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static StoreFactory factory(ExampleConfig config) {
    if (config.compat() == ExampleConfig.Compat.EXPRESS) {
      // The layouts Node's connect-redis and connect-pg-simple read: keyed by raw session ids.
      return switch (config.sessionStore()) {
        case MEMORY, COOKIE -> MemorySessionStore.builder();
        case REDIS -> RedisSessionStore.builder().uri(config.redisUri()).expressLayout();
        case JDBC ->
            JdbcSessionStore.builder()
                .jdbcUrl(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())
                .createTable(true)
                .expressLayout();
      };
    }
    return switch (config.sessionStore()) {
      case MEMORY, COOKIE -> MemorySessionStore.builder();
      case REDIS ->
          config.redisNearCache()
              ? RedisSessionStore.builder()
                  .uri(config.redisUri())
                  .nearCache(ExampleConfig.NEAR_CACHE_SIZE)
              : RedisSessionStore.builder().uri(config.redisUri());
      case JDBC ->
          JdbcSessionStore.builder()
              .jdbcUrl(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())
              .createTable(true);
    };
  }

  /**
   * Reads one (absent) session before the app takes requests: a wrong address is a start-up error
   * rather than a 503 on every request, and the first visitor does not pay for connecting.
   */
  private static void checkReachable(ExampleConfig config, SessionManager manager) {
    SessionStoreException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        manager.checkStore();
        return;
      } catch (SessionStoreException e) {
        // A cold connection may miss the store's first timeout; a dead one misses all three.
        last = e;
      }
    }
    throw new IllegalStateException(
        "the "
            + config.sessionStore().name().toLowerCase(Locale.ROOT)
            + " session store is not reachable: "
            + last.getMessage(),
        last);
  }
}
