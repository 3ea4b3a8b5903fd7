package dev.sessionkit.jdbc;

/** Unreadable rows on PostgreSQL, whose {@code jsonb} column holds any valid JSON. */
class PostgresUnreadableRowIT extends UnreadableRowChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.postgres();
    }
    return database;
  }
}
