package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;

/**
 * The whole store contract for connect-pg-simple's table on PostgreSQL: the server in {@code
 * SESSIONKIT_POSTGRES_URL}, else an embedded one. Each store gets a table of its own.
 */
class PostgresExpressContractIT extends SessionStoreContract {

  private TestDatabase database;
  private String table;

  @Override
  protected SessionStore newStore(StoreContext context) {
    database = TestDatabase.postgres();
    table = database.table(); // a fresh name, dropped when the tests end
    return JdbcSessionStore.builder()
        .dataSource(database.dataSource())
        .tableName(table)
        .createTable(true)
        .expressLayout()
        .create(context);
  }

  /** A record that is valid JSON but not an object. */
  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    database.update("UPDATE " + table + " SET sess = CAST(? AS json) WHERE sid = ?", "[1]", key);
  }
}
