package dev.sessionkit.examples.guide;

import dev.sessionkit.CookieFormat;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.servlet.SessionFilter;
import dev.sessionkit.spi.StoreFactory;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** Each kind of store, as the README's "Choose a store" shows them. */
final class Stores {

  private Stores() {}

  /** The store builders; building one connects to nothing, {@code SessionManager.create} does. */
  static List<StoreFactory> factories(String password, DataSource dataSource) {
    // [readme:stores]
    StoreFactory memory = MemorySessionStore.builder().maximumSize(50_000);
    StoreFactory redis = RedisSessionStore.builder().uri("redis://localhost:6379");
    StoreFactory jdbc =
        JdbcSessionStore.builder()
            .jdbcUrl("jdbc:postgresql://db:5432/app", "app", password) // a pool of its own
            .createTable(true); // CREATE TABLE IF NOT EXISTS at start-up
    StoreFactory jdbcOnYourPool = JdbcSessionStore.builder().dataSource(dataSource);
    // [readme:stores-end]
    return List.of(memory, redis, jdbc, jdbcOnYourPool);
  }

  /** The near caches of the Redis and JDBC stores. */
  static List<StoreFactory> nearCaches(DataSource dataSource) {
    // [readme:near-cache]
    StoreFactory redis =
        RedisSessionStore.builder()
            .uri("redis://localhost:6379")
            .nearCache(10_000); // reads from memory; Redis pushes every change by any node
    StoreFactory jdbc =
        JdbcSessionStore.builder()
            .dataSource(dataSource)
            .nearCache(10_000, Duration.ofSeconds(1)); // no push: another node's logout seen <= 1 s
    // [readme:near-cache-end]
    return List.of(redis, jdbc);
  }

  /** A manager on the memory store, and one on sealed cookies; the caller closes both. */
  static List<SessionManager> managers(SessionConfig config) {
    StoreFactory memory = MemorySessionStore.builder().maximumSize(50_000);
    // [readme:create]
    SessionManager sessions = SessionManager.create(config, memory); // builds and owns the store
    SessionManager sealed = SessionManager.sealed(config); // no store: AES-GCM in the cookie
    // [readme:create-end]
    return List.of(sessions, sealed);
  }

  /** A manager and the filter in front of the application. */
  record Shared(SessionManager sessions, SessionFilter filter) {}

  /**
   * Sessions shared with a Node app on express-session and connect-redis, and the filter that also
   * takes the id from a request header; the caller closes the manager.
   */
  static Shared sharedWithNode(String redisUri, String secret, String oldSecret) {
    // [readme:express]
    SessionManager sessions =
        SessionManager.create(
            SessionConfig.builder()
                .secret(secret, oldSecret) // the same list as express-session's `secret`
                .cookieFormat(CookieFormat.EXPRESS) // connect.sid, signed as Node signs it
                .principalFromAttribute("user") // Node's login: req.session.user
                .build(),
            RedisSessionStore.builder().uri(redisUri).expressLayout()); // sess:<id> keys
    SessionFilter filter = SessionFilter.builder(sessions).idHeader("X-Session").build();
    // [readme:express-end]
    return new Shared(sessions, filter);
  }
}
