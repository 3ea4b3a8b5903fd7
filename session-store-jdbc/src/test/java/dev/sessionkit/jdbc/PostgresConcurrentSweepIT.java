package dev.sessionkit.jdbc;

/** Two concurrent sweepers on PostgreSQL ({@code FOR UPDATE SKIP LOCKED} in a DELETE). */
class PostgresConcurrentSweepIT extends ConcurrentSweepChecks {

  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
