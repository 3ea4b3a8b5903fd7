package dev.sessionkit.jdbc;

/** Statement counts on PostgreSQL, where a delta is one UPDATE with jsonb operators. */
class PostgresStatementCountIT extends StatementCountChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.postgres();
    }
    return database;
  }
}
