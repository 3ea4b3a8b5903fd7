package dev.sessionkit.examples.guide;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import java.util.List;
import javax.sql.DataSource;

/** The stores several nodes share, passed to the manager as the README's "Choose a store" shows. */
final class SharedStores {

  private SharedStores() {}

  /**
   * A manager on Redis and one on a database; the caller closes both.
   *
   * @param config the sessions' settings
   * @param dataSource the application's connection pool
   * @return the Redis manager, then the JDBC one
   */
  static List<SessionManager> managers(SessionConfig config, DataSource dataSource) {
    // [readme:shared-stores]
    SessionManager onRedis =
        SessionManager.create(config, RedisSessionStore.builder().uri("redis://localhost:6379"));
    SessionManager onYourDatabase =
        SessionManager.create(config, JdbcSessionStore.builder().dataSource(dataSource));
    // [readme:shared-stores-end]
    return List.of(onRedis, onYourDatabase);
  }
}
