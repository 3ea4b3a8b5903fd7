package dev.sessionkit.jdbc;

/** No lost updates on MariaDB, where deltas merge with JSON_REMOVE and JSON_SET. */
class MariaDbDeltaMergeIT extends DeltaMergeChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.mariadb();
    }
    return database;
  }
}
