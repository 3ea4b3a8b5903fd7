package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the statements each store operation executes, through a counting data source: the database
 * chatter the store promises is one statement per operation, also for a delta on H2 (which compares
 * and swaps) when the session was loaded just before, as the engine does; ending a principal's
 * sessions on MySQL/MariaDB takes two, and so does admitting a login under the cap on PostgreSQL
 * (one more when it ends a session).
 */
abstract class StatementCountChecks {

  private static final Duration IDLE = Duration.ofMinutes(30);

  private final TestClock clock = TestClock.start();
  private CountingDataSource counting;
  private JdbcSessionStore store;

  abstract TestDatabase database();

  @BeforeEach
  void openStore() {
    TestDatabase database = database();
    counting = new CountingDataSource(database.dataSource());
    store = database.newStore(TestDatabase.context(clock), counting.dataSource());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private SessionRecord created() {
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(),
            clock.instant(),
            clock.instant(),
            IDLE,
            null,
            "alice",
            Map.of("a", "1", "b", "\"two\""));
    store.create(record);
    return record;
  }

  private SessionDelta delta(
      SessionKey key, Map<String, String> set, Set<String> removed, boolean principal) {
    return new SessionDelta(
        key,
        set,
        removed,
        clock.instant(),
        IDLE,
        clock.instant().plus(IDLE),
        principal,
        principal ? "bob" : null);
  }

  @Test
  void createIsOneStatement() {
    assertThat(counting.during(this::created)).hasSize(1);
  }

  @Test
  void loadIsOneStatement() {
    SessionRecord record = created();
    AtomicReference<Object> loaded = new AtomicReference<>();
    assertThat(counting.during(() -> loaded.set(store.load(record.key())))).hasSize(1);
    assertThat(loaded.get()).isEqualTo(java.util.Optional.of(record));
  }

  @Test
  void loadOfAMissingSessionIsOneStatement() {
    SessionKey key = Keys.newKey();
    assertThat(counting.during(() -> store.load(key))).hasSize(1);
  }

  @Test
  void applyingADeltaIsOneStatementInTheCommonCase() {
    SessionRecord record = created();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.load(record.key())).isPresent();
    List<List<String>> runs =
        List.of(
            counting.during(
                () -> store.apply(delta(record.key(), Map.of("c", "3"), Set.of(), false))),
            counting.during(() -> store.apply(delta(record.key(), Map.of(), Set.of("a"), false))),
            counting.during(
                () -> store.apply(delta(record.key(), Map.of("b", "4"), Set.of("c"), true))));
    assertThat(runs).allSatisfy(run -> assertThat(run).hasSize(1));
    assertThat(counting.during(() -> store.apply(delta(record.key(), Map.of(), Set.of(), false))))
        .hasSize(1);
    SessionRecord loaded = store.load(record.key()).orElseThrow();
    assertThat(loaded.attributes()).isEqualTo(Map.of("b", "4"));
    assertThat(loaded.principal()).isEqualTo("bob");
  }

  @Test
  void touchIsOneStatement() {
    SessionRecord record = created();
    clock.advance(Duration.ofMinutes(1));
    assertThat(
            counting.during(
                () -> store.touch(record.key(), clock.instant(), clock.instant().plus(IDLE))))
        .hasSize(1);
    assertThat(store.load(record.key()).orElseThrow().lastAccessTime()).isEqualTo(clock.instant());
  }

  @Test
  void deleteIsOneStatement() {
    SessionRecord record = created();
    assertThat(counting.during(() -> store.delete(record.key()))).hasSize(1);
    assertThat(store.load(record.key())).isEmpty();
  }

  @Test
  void principalQueriesAreOneStatementEachOrALockAndADelete() {
    created();
    created();
    assertThat(counting.during(() -> store.findByPrincipal("alice"))).hasSize(1);
    // MySQL/MariaDB cannot return what a DELETE removed: it locks the rows, then deletes them.
    int deleteStatements = store.databaseDialect().equals("MySQL/MariaDB") ? 2 : 1;
    assertThat(counting.during(() -> store.deleteByPrincipal("alice"))).hasSize(deleteStatements);
    assertThat(store.findByPrincipal("alice")).isEmpty();
  }

  @Test
  void admitIsALockingReadAndADeleteOnlyOverTheCap() {
    SessionRecord first = created();
    SessionRecord newcomer = created();
    // PostgreSQL takes its advisory lock in a statement of its own; MySQL/MariaDB lock with the
    // read itself, and H2 in the JVM. Commits are not statements and are not counted here.
    int lock = store.databaseDialect().equals("PostgreSQL") ? 1 : 0;
    assertThat(counting.during(() -> store.admit("alice", newcomer.key(), 2, true)))
        .hasSize(lock + 1);
    assertThat(counting.during(() -> store.admit("alice", newcomer.key(), 1, true)))
        .hasSize(lock + 2);
    assertThat(store.load(first.key())).isEmpty();
    assertThat(store.load(newcomer.key())).isPresent();
  }

  @Test
  void theInventoryIsOneStatementPerCallOnASmallTable() {
    created();
    created();
    assertThat(counting.during(store::count)).hasSize(1);
    assertThat(counting.during(() -> store.page(java.util.Optional.empty(), 10))).hasSize(1);
    // One batch of at most the sweep batch size, which two rows do not fill.
    assertThat(counting.during(store::clear)).hasSize(1);
    assertThat(store.count()).isZero();
  }

  @Test
  void anExpiredSessionCostsNoMoreThanALiveOne() {
    SessionRecord record = created();
    clock.advance(IDLE);
    assertThat(counting.during(() -> store.load(record.key()))).hasSize(1);
    // A write that finds no live row looks once for the forward of a renewed session's old key.
    assertThat(counting.during(() -> store.touch(record.key(), clock.instant(), clock.instant())))
        .hasSize(2);
  }

  @Test
  void renewIsOneTransactionAndTheOldKeyLoadsInOneStatement() {
    SessionRecord record = created();
    dev.sessionkit.spi.SessionKey newKey = Keys.newKey();
    dev.sessionkit.spi.SessionDelta move =
        new dev.sessionkit.spi.SessionDelta(
                record.key(),
                java.util.Map.of(),
                java.util.Set.of(),
                clock.instant(),
                record.idleTimeout(),
                clock.instant().plus(record.idleTimeout()),
                false,
                null)
            .withKey(newKey);
    // lock, insert, delete, no forward to remove, write the forward
    assertThat(
            counting.during(
                () ->
                    assertThat(store.renew(record.key(), move, clock.instant().plusSeconds(30)))
                        .isTrue()))
        .hasSize(5);
    assertThat(counting.during(() -> assertThat(store.load(record.key())).isPresent())).hasSize(1);
  }
}
