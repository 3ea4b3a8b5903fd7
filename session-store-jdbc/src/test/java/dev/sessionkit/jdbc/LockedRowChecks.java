package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Another connection holds a session's row lock (an open transaction that read it {@code FOR
 * UPDATE}) while the store writes the row: each write fails with {@link
 * SessionStoreTimeoutException} at the store's default timeout instead of waiting for the lock,
 * reads go on, and the row is writable again once the lock is gone. Run through the application's
 * pool and through the pool the store builds, which bound the wait differently (see {@link
 * HikariPools}). Only that an answer came, and of which type, is asserted; the times are printed
 * for the docs.
 */
abstract class LockedRowChecks {

  private static final Duration IDLE = Duration.ofMinutes(30);

  // Far above the default timeout; only a store that waits for the lock gets near it.
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final TestClock clock = TestClock.start();

  abstract TestDatabase database();

  @Test
  void writesToALockedRowTimeOutThroughTheApplicationsPool() throws SQLException {
    try (JdbcSessionStore store = database().newStore(TestDatabase.context(clock))) {
      writesTimeOut(store, "DataSource");
    }
  }

  @Test
  void writesToALockedRowTimeOutThroughTheStoresOwnPool() throws SQLException {
    // Creates the table, or empties it.
    database().newStore(TestDatabase.context(clock)).close();
    try (JdbcSessionStore store =
        JdbcSessionStore.builder()
            .jdbcUrl(database().url(), null, null)
            .tableName(database().table())
            .sweeper(false)
            .create(TestDatabase.context(clock))) {
      writesTimeOut(store, "jdbcUrl");
    }
  }

  private void writesTimeOut(JdbcSessionStore store, String pool) throws SQLException {
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, "alice", Map.of("a", "1"));
    store.create(record);
    SessionDelta delta =
        new SessionDelta(
            record.key(),
            Map.of("b", "2"),
            Set.of(),
            clock.instant(),
            IDLE,
            clock.instant().plus(IDLE),
            false,
            null);
    Map<String, ThrowingCallable> writes = new LinkedHashMap<>();
    writes.put("apply", () -> store.apply(delta));
    writes.put("touch", () -> store.touch(record.key(), clock.instant(), delta.expiresAt()));
    writes.put("delete", () -> store.delete(record.key()));
    writes.put("create", () -> store.create(record));
    writes.put("admit", () -> store.admit("alice", Keys.newKey(), 1, true));

    try (Connection holder = database().dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try {
        lockRow(holder, record);
        assertThat(store.load(record.key())).as("a read of the locked row").contains(record);
        for (Map.Entry<String, ThrowingCallable> write : writes.entrySet()) {
          long start = System.nanoTime();
          assertThatThrownBy(write.getValue())
              .as("%s of a locked row", write.getKey())
              .isInstanceOf(SessionStoreTimeoutException.class)
              .hasMessageNotContaining(record.key().value());
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          // Reported for the docs; only the generous bound is asserted.
          System.err.printf(
              "%s, %s: %s of a locked row timed out after %d ms%n",
              database().kind(), pool, write.getKey(), took.toMillis());
          assertThat(took).as("%s of a locked row", write.getKey()).isLessThan(BOUND);
        }
      } finally {
        holder.rollback();
      }
    }
    assertThat(store.apply(delta)).as("apply once the lock is gone").isTrue();
    assertThat(store.load(record.key()).orElseThrow().attributes()).containsEntry("b", "2");
  }

  private void lockRow(Connection holder, SessionRecord record) throws SQLException {
    try (PreparedStatement lock =
        holder.prepareStatement(
            "SELECT session_key FROM "
                + database().table()
                + " WHERE session_key = ? FOR UPDATE")) {
      lock.setString(1, record.key().value());
      lock.executeQuery().close();
    }
  }
}
