package dev.sessionkit.jdbc;

/** A locked row on MariaDB: max_statement_time, sent with each statement, through both pools. */
class MariaDbLockedRowIT extends LockedRowChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.mariadb();
    }
    return database;
  }
}
