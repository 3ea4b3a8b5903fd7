package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A locked row on PostgreSQL: {@code lock_timeout} through the store's own pool, the store's
 * watchdog through the application's; and the watchdog's thread lives as long as its store.
 */
class PostgresLockedRowIT extends LockedRowChecks {

  private static TestDatabase database;

  @Override
  synchronized TestDatabase database() {
    if (database == null) {
      database = TestDatabase.postgres();
    }
    return database;
  }

  @Test
  void theWatchdogRunsOnlyWithAStoreOnTheApplicationsPool() {
    String thread = "sessionkit-jdbc-watchdog-" + database().table();
    JdbcSessionStore store = database().newStore(TestDatabase.context(TestClock.start()));
    try {
      assertThat(threadAlive(thread)).as("watchdog of a running store").isTrue();
    } finally {
      store.close();
    }
    assertThat(eventually(() -> !threadAlive(thread))).as("watchdog stopped").isTrue();
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  private static boolean eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    return true;
  }
}
