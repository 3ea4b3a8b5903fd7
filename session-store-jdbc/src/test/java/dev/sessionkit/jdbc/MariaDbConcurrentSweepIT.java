package dev.sessionkit.jdbc;

/** Two concurrent sweepers on MariaDB ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then DELETE). */
class MariaDbConcurrentSweepIT extends ConcurrentSweepChecks {

  @Override
  TestDatabase database() {
    return TestDatabase.mariadb();
  }
}
