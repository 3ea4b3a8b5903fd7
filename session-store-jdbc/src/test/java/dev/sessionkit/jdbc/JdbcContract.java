package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.SessionStoreContract;
import dev.sessionkit.tck.TestClock;

/** The store contract kit against one database, with one table for the whole test class. */
abstract class JdbcContract extends SessionStoreContract {

  private TestDatabase database;

  /** Opens the database; called once per test class instance that needs it. */
  abstract TestDatabase openDatabase();

  @Override
  protected SessionStore newStore(TestClock clock) {
    if (database == null) {
      database = openDatabase();
    }
    return database.newStore(clock);
  }
}
