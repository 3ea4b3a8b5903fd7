package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;
import java.time.Duration;

/** The whole store contract on H2 with the near cache on. */
class H2NearCacheContractTest extends SessionStoreContract {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected SessionStore newStore(StoreContext context) {
    DATABASE.newStore(context).close(); // creates the table, or empties it
    return JdbcSessionStore.builder()
        .dataSource(DATABASE.dataSource())
        .tableName(DATABASE.table())
        .sweeper(false)
        .nearCache(1_000, Duration.ofSeconds(1))
        .create(context);
  }

  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    DATABASE.writeAttributes(key, "{\"user\":\"\\\"al");
  }
}
