package dev.sessionkit.examples;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.SessionKey;

/** The one place that turns {@code SESSION_STORE} into a session engine. */
final class SessionBackends {

  private SessionBackends() {}

  /**
   * Builds the engine for the configured store.
   *
   * @param closeAtStop collects what must be closed when the app stops
   */
  static SessionManager create(
      ExampleConfig config, SessionConfig sessions, Clock clock, List<AutoCloseable> closeAtStop) {
    return switch (config.sessionStore()) {
      case COOKIE -> SessionManager.sealed(sessions);
      case MEMORY ->
          withStore(
              config, sessions, MemorySessionStore.builder().clock(clock).build(), closeAtStop);
      case REDIS ->
          withStore(
              config,
              sessions,
              RedisSessionStore.builder().uri(config.redisUri()).clock(clock).build(),
              closeAtStop);
      case JDBC ->
          withStore(
              config,
              sessions,
              JdbcSessionStore.builder()
                  .jdbcUrl(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())
                  .createTable(true)
                  .clock(clock)
                  .build(),
              closeAtStop);
    };
  }

  private static SessionManager withStore(
      ExampleConfig config,
      SessionConfig sessions,
      SessionStore store,
      List<AutoCloseable> closeAtStop) {
    closeAtStop.add(store);
    checkReachable(config, store);
    return SessionManager.create(sessions, store);
  }

  /**
   * Reads one (absent) session before the app takes requests: a wrong address is a start-up error
   * rather than a 503 on every request, and the first visitor does not pay for connecting.
   */
  private static void checkReachable(ExampleConfig config, SessionStore store) {
    SessionKey probe = new SessionKey("0".repeat(64));
    SessionStoreException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        store.load(probe);
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
