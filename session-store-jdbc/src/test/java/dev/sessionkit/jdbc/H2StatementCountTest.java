package dev.sessionkit.jdbc;

/** Statement counts on H2, where a delta is a read plus a compare-and-swap. */
class H2StatementCountTest extends StatementCountChecks {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  int statementsPerApply() {
    return 2;
  }
}
