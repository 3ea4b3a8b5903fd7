package dev.sessionkit.jdbc;

/** A locked row on PostgreSQL: lock_timeout through the own pool, a cancel through the other. */
class PostgresLockedRowIT extends LockedRowChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.postgres();
    }
    return database;
  }
}
