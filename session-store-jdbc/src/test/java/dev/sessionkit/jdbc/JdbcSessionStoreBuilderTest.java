package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.NearCacheCore;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The builder follows the one SessionKit convention: each setting once, a null named, everything
 * checked by {@code create}, defaults kept out of the builder, and a builder that builds again.
 */
class JdbcSessionStoreBuilderTest {

  private final TestClock clock = TestClock.start();
  private final StoreContext context = TestDatabase.context(clock);
  private final TestDatabase database = TestDatabase.h2();

  /** Each setting given once with a valid value. */
  private Map<String, Consumer<JdbcStoreBuilder>> everySetting() {
    DataSource source = database.dataSource();
    Map<String, Consumer<JdbcStoreBuilder>> settings = new LinkedHashMap<>();
    settings.put("dataSource", b -> b.dataSource(source));
    settings.put("jdbcUrl", b -> b.jdbcUrl("jdbc:h2:mem:unused", "sa", ""));
    settings.put("tableName", b -> b.tableName("sessions"));
    settings.put("createTable", b -> b.createTable(true));
    settings.put("sweeper", b -> b.sweeper(true));
    settings.put("sweepInterval", b -> b.sweepInterval(Duration.ofMinutes(5)));
    settings.put("sweepBatchSize", b -> b.sweepBatchSize(10));
    settings.put("timeout", b -> b.timeout(Duration.ofSeconds(2)));
    return settings;
  }

  @Test
  void everySettingGivenTwiceIsAnErrorThatNamesIt() {
    everySetting()
        .forEach(
            (name, setting) -> {
              JdbcStoreBuilder builder = JdbcSessionStore.builder();
              setting.accept(builder);
              assertThatThrownBy(() -> setting.accept(builder))
                  .as(name)
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage(name + " was already set");
            });
  }

  @Test
  void aNullSettingIsAnErrorThatNamesIt() {
    Map<String, Consumer<JdbcStoreBuilder>> nulls = new LinkedHashMap<>();
    nulls.put("dataSource", b -> b.dataSource(null));
    nulls.put("jdbcUrl", b -> b.jdbcUrl(null, "sa", ""));
    nulls.put("tableName", b -> b.tableName(null));
    nulls.put("sweepInterval", b -> b.sweepInterval(null));
    nulls.put("timeout", b -> b.timeout(null));
    nulls.forEach(
        (name, setting) ->
            assertThatThrownBy(() -> setting.accept(JdbcSessionStore.builder()))
                .as(name)
                .isInstanceOf(NullPointerException.class)
                .hasMessage(name));
    assertThatThrownBy(() -> JdbcSessionStore.builder().create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("context");
  }

  @Test
  void aJdbcUrlNeedsNoUserOrPassword() {
    JdbcStoreBuilder builder = JdbcSessionStore.builder().jdbcUrl("jdbc:h2:mem:x", null, null);
    assertThatThrownBy(() -> builder.jdbcUrl("jdbc:h2:mem:y", null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jdbcUrl was already set");
  }

  @Test
  void createWithoutAConnectionIsAnError() {
    assertThatThrownBy(() -> JdbcSessionStore.builder().create(context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataSource")
        .hasMessageContaining("jdbcUrl");
  }

  @Test
  void conflictingSettingsAreErrorsAtCreateThatNameBoth() {
    assertThatThrownBy(
            () ->
                JdbcSessionStore.builder()
                    .dataSource(database.dataSource())
                    .jdbcUrl("jdbc:h2:mem:x", "sa", "")
                    .create(context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dataSource cannot be combined with jdbcUrl");
    assertThatThrownBy(
            () ->
                JdbcSessionStore.builder()
                    .dataSource(database.dataSource())
                    .sweeper(false)
                    .sweepInterval(Duration.ofMinutes(5))
                    .create(context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sweepInterval cannot be combined with sweeper(false)");
  }

  @Test
  void valuesOutOfRangeAreErrorsAtCreateThatNameTheSetting() {
    List<Map.Entry<String, Consumer<JdbcStoreBuilder>>> outOfRange =
        List.of(
            Map.entry("sweepBatchSize", b -> b.sweepBatchSize(0)),
            Map.entry("timeout", b -> b.timeout(Duration.ZERO)),
            Map.entry("sweepInterval", b -> b.sweepInterval(Duration.ofSeconds(-1))),
            // Zero no longer switches the sweep off: sweeper(false) is the one switch.
            Map.entry("sweepInterval", b -> b.sweepInterval(Duration.ZERO)),
            Map.entry("tableName", b -> b.tableName("t;DROP TABLE x")));
    for (Map.Entry<String, Consumer<JdbcStoreBuilder>> entry : outOfRange) {
      JdbcStoreBuilder builder = JdbcSessionStore.builder().dataSource(database.dataSource());
      entry.getValue().accept(builder);
      assertThatThrownBy(() -> builder.create(context))
          .as(entry.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(entry.getKey() + " must");
    }
  }

  @Test
  void tableNamesThatCouldInjectSqlAreRejected() {
    for (String bad : new String[] {"", "a b", "t;DROP TABLE x", "t--", "\"t\"", "a.b.c", "1t"}) {
      assertThatThrownBy(
              () ->
                  JdbcSessionStore.builder()
                      .dataSource(database.dataSource())
                      .tableName(bad)
                      .create(context))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> JdbcSessionStore.ddl("H2", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(JdbcSessionStore.ddl("PostgreSQL", "app.sessions").get(0))
        .startsWith("CREATE TABLE IF NOT EXISTS app.sessions");
  }

  @Test
  void aBuilderBuildsAgainAndEachStoreStandsAlone() {
    JdbcStoreBuilder builder =
        JdbcSessionStore.builder()
            .jdbcUrl("jdbc:h2:mem:again-" + database.table() + ";DB_CLOSE_DELAY=-1", "sa", "")
            .tableName(database.table())
            .createTable(true)
            .sweeper(false);
    JdbcSessionStore first = builder.create(context);
    SessionRecord record = newRecord();
    first.create(record);
    try (JdbcSessionStore second = builder.create(context)) {
      first.close();
      // Each create opened its own pool; closing the first store left the second's open.
      assertThat(second.load(record.key())).contains(record);
    }
  }

  @Test
  void sweeperFalseIsTheOneSwitchForTheBackgroundSweep() {
    String thread = "sessionkit-jdbc-sweeper-" + database.table();
    try (JdbcSessionStore sweeping =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(database.table())
            .createTable(true)
            .create(context)) {
      assertThat(threadAlive(thread)).as("sweeper by default").isTrue();
      assertThat(sweeping.sweepExpired()).isZero();
    }
    // close() ends the sweeper's executor; its thread may take a moment more to exit.
    joinThreads(thread);
    try (JdbcSessionStore notSweeping =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(database.table())
            .sweeper(false)
            .create(context)) {
      assertThat(threadAlive(thread)).as("no sweeper with sweeper(false)").isFalse();
      assertThat(notSweeping.sweepExpired()).isZero();
    }
  }

  @Test
  void byDefaultTheTablesAreCreatedAsSpringBootDoes() {
    String fresh = "sk_default_" + database.table().substring(8);
    try (JdbcSessionStore store =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(fresh)
            .sweeper(false)
            .create(context)) {
      SessionRecord record = newRecord();
      store.create(record);
      assertThat(store.load(record.key())).contains(record);
    } finally {
      database.execute("DROP TABLE " + fresh + "_forwards");
      database.execute("DROP TABLE " + fresh);
    }
  }

  @Test
  void theNearCacheTakesTheSameDefaultAgeAsEveryStore() {
    assertThat(JdbcSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE)
        .isEqualTo(NearCacheCore.DEFAULT_MAXIMUM_AGE);
    assertThatThrownBy(
            () ->
                JdbcSessionStore.builder()
                    .dataSource(database.dataSource())
                    .nearCache(10, Duration.ofMinutes(2))
                    .create(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumAge must be at most");
  }

  private SessionRecord newRecord() {
    return new SessionRecord(
        Keys.newKey(),
        clock.instant(),
        clock.instant(),
        Duration.ofMinutes(30),
        null,
        null,
        Map.of("a", "1"));
  }

  private static void joinThreads(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        try {
          t.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }
}
