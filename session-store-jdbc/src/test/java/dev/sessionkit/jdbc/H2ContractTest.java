package dev.sessionkit.jdbc;

/** The whole store contract on an in-memory H2 database. */
class H2ContractTest extends JdbcContract {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase openDatabase() {
    return DATABASE;
  }

  /** H2 keeps the column as text, so it can hold JSON cut short. */
  @Override
  String unreadableAttributes() {
    return "{\"user\":\"\\\"al";
  }
}
