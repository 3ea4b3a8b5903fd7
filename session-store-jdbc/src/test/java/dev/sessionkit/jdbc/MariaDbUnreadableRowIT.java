package dev.sessionkit.jdbc;

/** Unreadable rows on MariaDB, whose column is text checked to be valid JSON. */
class MariaDbUnreadableRowIT extends UnreadableRowChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.mariadb();
    }
    return database;
  }
}
