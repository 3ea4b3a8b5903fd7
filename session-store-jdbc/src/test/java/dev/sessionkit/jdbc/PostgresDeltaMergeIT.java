package dev.sessionkit.jdbc;

/** No lost updates on PostgreSQL, where deltas merge with jsonb operators. */
class PostgresDeltaMergeIT extends DeltaMergeChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.postgres();
    }
    return database;
  }
}
