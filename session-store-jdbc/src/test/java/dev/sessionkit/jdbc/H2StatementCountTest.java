package dev.sessionkit.jdbc;

/** Statement counts on H2, where a delta compares and swaps on the version column. */
class H2StatementCountTest extends StatementCountChecks {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
