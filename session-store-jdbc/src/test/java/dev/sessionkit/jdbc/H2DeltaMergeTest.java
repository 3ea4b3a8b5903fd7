package dev.sessionkit.jdbc;

/** No lost updates on H2, where deltas compare and swap on the version column. */
class H2DeltaMergeTest extends DeltaMergeChecks {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
