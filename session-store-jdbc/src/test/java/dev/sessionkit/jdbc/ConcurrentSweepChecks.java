package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sweep one table at the same moment: 50 000 expired rows among live ones. Neither may
 * deadlock or fail, together they delete every expired row exactly once, their listeners hear of
 * each expiry exactly once, and no live row is touched.
 */
abstract class ConcurrentSweepChecks {

  private static final int EXPIRED = 50_000;
  private static final int LIVE = 500;

  abstract TestDatabase database();

  @Test
  void twoSweepersDeleteEveryExpiredRowAndNoLiveOne() throws Exception {
    TestDatabase database = database();
    TestClock clock = TestClock.start();
    database.newStore(TestDatabase.context(clock)).close();
    long now = Micros.of(clock.instant());
    Map<SessionKey, SessionEvent> expired = new HashMap<>();
    Set<String> live = insertRows(database, now, expired);
    ConcurrentLinkedQueue<SessionEvent> heard = new ConcurrentLinkedQueue<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void expired(SessionEvent event) {
            heard.add(event);
          }
        };

    List<JdbcSessionStore> nodes = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int node = 0; node < 2; node++) {
        nodes.add(
            JdbcSessionStore.builder()
                .dataSource(database.dataSource())
                .tableName(database.table())
                .sweeper(false)
                .create(new StoreContext(clock, listener)));
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> sweeps = new ArrayList<>();
      for (JdbcSessionStore node : nodes) {
        sweeps.add(
            threads.submit(
                () -> {
                  start.await();
                  return node.sweepExpired();
                }));
      }
      long started = System.nanoTime();
      start.countDown();
      List<Long> counts = new ArrayList<>();
      for (Future<Long> sweep : sweeps) {
        // A deadlock would surface as an exception from the database or as this timeout.
        counts.add(sweep.get(2, TimeUnit.MINUTES));
      }
      long deleted = counts.get(0) + counts.get(1);
      // Reported for the docs, never asserted: timing belongs to benchmarks, not to tests.
      System.err.printf(
          "%s: two sweepers deleted %d expired rows (%d + %d) in %d ms%n",
          database.kind(),
          deleted,
          counts.get(0),
          counts.get(1),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertThat(deleted).isEqualTo(EXPIRED);
      assertThat(keys(database, "expires_at_us <= " + now)).isEmpty();
      assertThat(keys(database, "expires_at_us > " + now)).isEqualTo(live);
      assertThat(keys(database, "version = 0 AND expires_at_us > " + now)).isEqualTo(live);
      assertThat(heard).hasSize(EXPIRED);
      Map<SessionKey, SessionEvent> heardByKey = new HashMap<>();
      heard.forEach(event -> heardByKey.put(event.key(), event));
      assertThat(heardByKey).isEqualTo(expired);
    } finally {
      threads.shutdownNow();
      nodes.forEach(JdbcSessionStore::close);
    }
  }

  /**
   * Inserts the expired rows (and some live ones in between) with batched inserts, and notes the
   * event each expired row should give.
   */
  private static Set<String> insertRows(
      TestDatabase database, long now, Map<SessionKey, SessionEvent> expired) throws SQLException {
    Set<String> live = new HashSet<>();
    String sql =
        "INSERT INTO "
            + database.table()
            + " ("
            + SessionRows.COLUMNS
            + ") VALUES (?, ?, ?, ?, NULL, ?, ?, '{}', 0)";
    long idle = Micros.of(Duration.ofMinutes(30));
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (int i = 0; i < EXPIRED + LIVE; i++) {
          boolean isLive = i % ((EXPIRED + LIVE) / LIVE) == 0 && live.size() < LIVE;
          SessionKey key = Keys.newKey();
          // Expired rows end at or before now; live rows a little after, so boundaries matter.
          long expiresAt = isLive ? now + 1 + i : now - i;
          String principal = i % 3 == 0 ? null : "user-" + i % 50;
          if (isLive) {
            live.add(key.value());
          } else {
            expired.put(
                key,
                new SessionEvent(key, Optional.ofNullable(principal), Micros.toInstant(expiresAt)));
          }
          insert.setString(1, key.value());
          insert.setLong(2, expiresAt - idle);
          insert.setLong(3, expiresAt - idle);
          insert.setLong(4, idle);
          insert.setLong(5, expiresAt);
          if (principal == null) {
            insert.setNull(6, Types.VARCHAR);
          } else {
            insert.setString(6, principal);
          }
          insert.addBatch();
          if (i % 5_000 == 4_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
      connection.setAutoCommit(true);
    }
    assertThat(live).hasSize(LIVE);
    return live;
  }

  private static Set<String> keys(TestDatabase database, String where) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT session_key FROM " + database.table() + " WHERE " + where);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }
}
