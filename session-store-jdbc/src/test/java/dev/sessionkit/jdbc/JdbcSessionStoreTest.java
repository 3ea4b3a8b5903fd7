package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The store's own behaviour on H2: start-up, corrupt rows, sweeping and its events, closing. The
 * builder's rules are in {@link JdbcSessionStoreBuilderTest}.
 */
class JdbcSessionStoreTest {

  private static final Duration IDLE = Duration.ofMinutes(30);

  private final TestClock clock = TestClock.start();
  private final TestDatabase database = TestDatabase.h2();

  private SessionRecord record(String principal, Map<String, String> attributes) {
    return new SessionRecord(
        Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, principal, attributes);
  }

  @Test
  void anUnsupportedDatabaseIsAnErrorAtBuild() {
    DataSource oracle = reportingProduct(database.dataSource(), "Oracle");
    assertThatThrownBy(
            () -> JdbcSessionStore.builder().dataSource(oracle).create(TestDatabase.context(clock)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Oracle")
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void theDdlOfEachDatabaseIndexesExpiryAndPrincipal() {
    for (String product : new String[] {"PostgreSQL", "MariaDB", "MySQL", "H2"}) {
      String ddl = String.join(";\n", JdbcSessionStore.ddl(product, "s"));
      assertThat(ddl).as(product).contains("CREATE TABLE IF NOT EXISTS s (");
      assertThat(ddl).as(product).containsPattern("(?s)s_expires_at.*\\(expires_at_us\\)");
      assertThat(ddl).as(product).containsPattern("(?s)s_principal.*\\(principal\\)");
    }
  }

  @Test
  void aRowThatCannotBeDecodedIsMissingAndDeleted() {
    try (JdbcSessionStore store = database.newStore(TestDatabase.context(clock))) {
      SessionRecord first = record(null, Map.of("a", "1"));
      SessionRecord second = record(null, Map.of("a", "1"));
      store.create(first);
      store.create(second);
      corrupt(first, "{not json");
      corrupt(second, "{\"a\":1}");

      assertThat(store.load(first.key())).isEmpty();
      assertThat(rows(first)).isZero();
      // Not loaded first: the compare-and-swap reads the row, finds it unreadable and drops it.
      assertThat(store.apply(delta(second, Map.of("b", "2")))).isFalse();
      assertThat(rows(second)).isZero();
    }
  }

  @Test
  void sweepDeletesExpiredRowsInBatchesAndReportsTheCount() {
    try (JdbcSessionStore store =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(database.table())
            .createTable(true)
            .sweeper(false)
            .sweepBatchSize(7)
            .create(TestDatabase.context(clock))) {
      for (int i = 0; i < 30; i++) {
        store.create(record(null, Map.of()));
      }
      clock.advance(IDLE.minusSeconds(1));
      SessionRecord live = record("alice", Map.of("a", "1"));
      store.create(live);
      assertThat(store.sweepExpired()).isZero();
      clock.advance(Duration.ofSeconds(1));

      assertThat(store.sweepExpired()).isEqualTo(30);
      assertThat(store.sweepExpired()).isZero();
      assertThat(store.load(live.key())).contains(live);
    }
  }

  @Test
  void theSweepTellsTheListenerOfEachExpiredSessionOnceAtItsExpiry() {
    List<SessionEvent> heard = new CopyOnWriteArrayList<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void expired(SessionEvent event) {
            heard.add(event);
            if (heard.size() == 1) {
              throw new IllegalStateException("a listener's bug must not stop the sweep");
            }
          }
        };
    database.newStore(TestDatabase.context(clock)).close();
    try (JdbcSessionStore store =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(database.table())
            .sweeper(false)
            .sweepBatchSize(2)
            .create(new StoreContext(clock, listener))) {
      SessionRecord alice = record("alice", Map.of());
      SessionRecord anonymous = record(null, Map.of());
      store.create(alice);
      store.create(anonymous);
      clock.advance(Duration.ofMinutes(10));
      SessionRecord bob = record("bob", Map.of());
      store.create(bob);
      clock.advance(IDLE);

      assertThat(store.sweepExpired()).isEqualTo(3);
      assertThat(store.sweepExpired()).isZero();
      assertThat(heard)
          .containsExactlyInAnyOrder(
              new SessionEvent(alice.key(), Optional.of("alice"), alice.expiresAt()),
              new SessionEvent(anonymous.key(), Optional.empty(), anonymous.expiresAt()),
              new SessionEvent(bob.key(), Optional.of("bob"), bob.expiresAt()));
    }
  }

  @Test
  void theBackgroundSweeperRunsUntilTheStoreIsClosed() {
    String thread = "sessionkit-jdbc-sweeper-" + database.table();
    database.newStore(TestDatabase.context(clock)).close();
    JdbcSessionStore store =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(database.table())
            .sweepInterval(Duration.ofMillis(20))
            .create(TestDatabase.context(clock));
    try {
      SessionRecord record = record(null, Map.of());
      store.create(record);
      clock.advance(IDLE);
      assertThat(eventually(() -> rows(record) == 0)).as("swept in the background").isTrue();
      assertThat(threadAlive(thread)).isTrue();
    } finally {
      store.close();
    }
    assertThat(eventually(() -> !threadAlive(thread))).as("sweeper stopped").isTrue();
    // The pool was the application's, so it still works.
    assertThat(rows(record(null, Map.of()))).isZero();
  }

  @Test
  void aPoolBuiltFromAUrlIsClosedWithTheStore() {
    JdbcSessionStore store =
        JdbcSessionStore.builder()
            .jdbcUrl("jdbc:h2:mem:owned-" + database.table() + ";DB_CLOSE_DELAY=-1", "sa", "")
            .createTable(true)
            .sweeper(false)
            .create(TestDatabase.context(clock));
    SessionRecord record = record(null, Map.of("a", "1"));
    store.create(record);
    assertThat(store.load(record.key())).contains(record);
    assertThat(store.databaseDialect()).isEqualTo("H2");
    store.close();
    assertThatThrownBy(() -> store.load(record.key()))
        .isInstanceOf(SessionStoreException.class)
        .hasMessageNotContaining(record.key().value());
  }

  @Test
  void aMissingTableIsAnErrorAtBuild() {
    String missing = "sk_missing_" + database.table().substring(8);
    assertThatThrownBy(
            () ->
                JdbcSessionStore.builder()
                    .dataSource(database.dataSource())
                    .tableName(missing)
                    .createTable(false)
                    .sweeper(false)
                    .create(TestDatabase.context(clock)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("createTable(true)");
  }

  @Test
  void aFailingDatabaseIsAStoreExceptionNamingTheOperation() {
    JdbcSessionStore store = database.newStore(TestDatabase.context(clock));
    database.execute("DROP TABLE " + database.table());
    try {
      SessionRecord record = record(null, Map.of());
      assertThatThrownBy(() -> store.load(record.key()))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("load session " + record.key().shortForm())
          .hasMessageNotContaining(record.key().value());
    } finally {
      store.close();
    }
  }

  @Test
  void timesKeepMicrosecondsAndFarDeadlinesSaturate() {
    Instant instant = Instant.parse("2030-01-01T00:00:00.123456789Z");
    assertThat(Micros.toInstant(Micros.of(instant)))
        .isEqualTo(Instant.parse("2030-01-01T00:00:00.123456Z"));
    assertThat(Micros.toInstant(Micros.of(Instant.parse("1969-12-31T23:59:59.5Z"))))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.5Z"));
    assertThat(Micros.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(Micros.of(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(Micros.toDuration(Micros.of(Duration.ofMinutes(30))))
        .isEqualTo(Duration.ofMinutes(30));
  }

  private SessionDelta delta(SessionRecord record, Map<String, String> set) {
    return new SessionDelta(
        record.key(),
        set,
        Set.of(),
        clock.instant(),
        IDLE,
        clock.instant().plus(IDLE),
        false,
        null);
  }

  private void corrupt(SessionRecord record, String attributes) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE " + database.table() + " SET attributes = ? WHERE session_key = ?")) {
      update.setString(1, attributes);
      update.setString(2, record.key().value());
      assertThat(update.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int rows(SessionRecord record) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM " + database.table() + " WHERE session_key = ?")) {
      select.setString(1, record.key().value());
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls a condition for at most ten seconds. */
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

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  /** Wraps a data source so that its metadata names another product. */
  private static DataSource reportingProduct(DataSource target, String product) {
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcSessionStoreTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = method.invoke(target, args);
              if (!(result instanceof Connection connection)) {
                return result;
              }
              return Proxy.newProxyInstance(
                  JdbcSessionStoreTest.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    if (m.getName().equals("getMetaData")) {
                      DatabaseMetaData real = connection.getMetaData();
                      return Proxy.newProxyInstance(
                          JdbcSessionStoreTest.class.getClassLoader(),
                          new Class<?>[] {DatabaseMetaData.class},
                          (p2, m2, a2) ->
                              m2.getName().equals("getDatabaseProductName")
                                  ? product
                                  : m2.invoke(real, a2));
                    }
                    return m.invoke(connection, a);
                  });
            });
  }
}
