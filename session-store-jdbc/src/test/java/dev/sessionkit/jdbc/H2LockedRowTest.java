package dev.sessionkit.jdbc;

/** A locked row on H2: its own lock timeout bounds the wait (about two seconds unless set). */
class H2LockedRowTest extends LockedRowChecks {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
