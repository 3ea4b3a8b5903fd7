package dev.sessionkit.jdbc;

/** Statement counts on MariaDB, where a delta is one UPDATE with JSON_REMOVE and JSON_SET. */
class MariaDbStatementCountIT extends StatementCountChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.mariadb();
    }
    return database;
  }
}
