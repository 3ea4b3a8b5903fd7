package dev.sessionkit.examples.guide;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
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
}
