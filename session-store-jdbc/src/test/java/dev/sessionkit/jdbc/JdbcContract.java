package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;

/** The store contract kit against one database, with one table for the whole test class. */
abstract class JdbcContract extends SessionStoreContract {

  private TestDatabase database;

  /** Opens the database; called once per test class instance that needs it. */
  abstract TestDatabase openDatabase();

  /**
   * Returns attributes the store must find unreadable, of a kind this database's column accepts
   * (see {@link UnreadableRowChecks} for every kind on every database).
   */
  abstract String unreadableAttributes();

  @Override
  protected SessionStore newStore(StoreContext context) {
    if (database == null) {
      database = openDatabase();
    }
    return database.newStore(context);
  }

  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    database.writeAttributes(key, unreadableAttributes());
  }
}
