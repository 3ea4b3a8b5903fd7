package dev.sessionkit.jdbc;

/**
 * The whole store contract on PostgreSQL: the server in {@code SESSIONKIT_POSTGRES_URL}, else an
 * embedded one.
 */
class PostgresContractIT extends JdbcContract {

  private static TestDatabase database;

  @Override
  TestDatabase openDatabase() {
    synchronized (PostgresContractIT.class) {
      if (database == null) {
        database = TestDatabase.postgres();
      }
      return database;
    }
  }

  /** A {@code jsonb} column only takes valid JSON: an array where the object belongs. */
  @Override
  String unreadableAttributes() {
    return "[\"user\", \"\\\"alice\\\"\"]";
  }
}
