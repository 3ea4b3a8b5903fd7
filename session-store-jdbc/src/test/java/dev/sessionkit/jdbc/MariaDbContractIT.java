package dev.sessionkit.jdbc;

/** The whole store contract on the MariaDB in {@code SESSIONKIT_MARIADB_URL}; skipped without. */
class MariaDbContractIT extends JdbcContract {

  private static TestDatabase database;

  @Override
  TestDatabase openDatabase() {
    synchronized (MariaDbContractIT.class) {
      if (database == null) {
        database = TestDatabase.mariadb();
      }
      return database;
    }
  }

  /**
   * The column checks that it holds valid JSON, so the object is well-formed; its one value is not
   * a JSON value, which only the store's own check catches.
   */
  @Override
  String unreadableAttributes() {
    return "{\"user\": \"alice\"}";
  }
}
