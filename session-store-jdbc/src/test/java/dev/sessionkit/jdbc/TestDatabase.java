package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.testsupport.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A database the tests run against: one shared pool per JVM and kind, and a fresh, uniquely named
 * table per test class, so that runs sharing one server never collide. Tables are dropped when the
 * JVM exits.
 */
final class TestDatabase {

  static final String MARIADB_ENV = "SESSIONKIT_MARIADB_URL";

  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, String> TABLES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::cleanUp, "test-db-cleanup"));
  }

  private final String kind;
  private final HikariDataSource pool;
  private final String url;
  private final String table;
  private volatile boolean created;

  private TestDatabase(String kind, String url) {
    this.kind = kind;
    this.url = url;
    this.pool = POOLS.computeIfAbsent(url, TestDatabase::openPool);
    this.table = "sk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    TABLES.put(table, url);
  }

  /** An in-memory H2 database, always available. */
  static TestDatabase h2() {
    return new TestDatabase("H2", "jdbc:h2:mem:sessionkit;DB_CLOSE_DELAY=-1");
  }

  /** The PostgreSQL named by the environment, else an embedded one started for this JVM. */
  static TestDatabase postgres() {
    return new TestDatabase("PostgreSQL", TestServers.postgresUrl("PostgreSQL tests"));
  }

  /** The MariaDB named by the environment; skips the calling test when there is none. */
  static TestDatabase mariadb() {
    String url = System.getenv(MARIADB_ENV);
    if (url == null || url.isBlank()) {
      String message =
          "MariaDB tests skipped: set "
              + MARIADB_ENV
              + " (e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root) to run them";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return new TestDatabase("MariaDB", url);
  }

  private static HikariDataSource openPool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(12);
    config.setMinimumIdle(1);
    config.setPoolName("test-" + url.substring(5, url.indexOf(':', 5)));
    if (url.startsWith("jdbc:postgresql:")) {
      // One multi-row INSERT per batch keeps the 50 000-row fixtures quick to set up.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  String kind() {
    return kind;
  }

  String url() {
    return url;
  }

  DataSource dataSource() {
    return pool;
  }

  String table() {
    return table;
  }

  /** A context on the given clock with no listener, as most tests need. */
  static StoreContext context(Clock clock) {
    return new StoreContext(clock, SessionListener.NONE);
  }

  /** Creates the table on first use and empties it on every later one. */
  JdbcSessionStore newStore(StoreContext context) {
    return newStore(context, pool);
  }

  /** As {@link #newStore(StoreContext)}, the store reaching the database through another source. */
  JdbcSessionStore newStore(StoreContext context, DataSource source) {
    if (created) {
      execute("DELETE FROM " + table);
    }
    JdbcSessionStore store =
        JdbcSessionStore.builder()
            .dataSource(source)
            .tableName(table)
            .createTable(!created)
            .sweeper(false)
            .create(context);
    created = true;
    return store;
  }

  /** Another store over the same table, as another node would have, leaving the rows alone. */
  JdbcSessionStore otherStore(StoreContext context) {
    return JdbcSessionStore.builder()
        .dataSource(pool)
        .tableName(table)
        .sweeper(false)
        .create(context);
  }

  /**
   * Writes the attributes column of a row directly, as JSON text; on PostgreSQL cast to {@code
   * jsonb}, so the text must be valid JSON there (and on MariaDB, whose column checks it).
   */
  void writeAttributes(SessionKey key, String json) {
    String value = kind.equals("PostgreSQL") ? "CAST(? AS jsonb)" : "?";
    update("UPDATE " + table + " SET attributes = " + value + " WHERE session_key = ?", json, key);
  }

  /** Runs an update of one row, binding a text and the row's key. */
  void update(String sql, String text, SessionKey key) {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, text);
      update.setString(2, key.value());
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no row for " + key + ": " + sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Counts the rows under a key, whatever their state. */
  int rows(SessionKey key) {
    String sql = "SELECT COUNT(*) FROM " + table + " WHERE session_key = ?";
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, key.value());
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void execute(String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void cleanUp() {
    TABLES.forEach(
        (table, url) -> {
          // An embedded server is thrown away whole; only shared servers need tidying.
          if (TestServers.embedded(url)) {
            return;
          }
          try (Connection connection = POOLS.get(url).getConnection();
              Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("DROP TABLE IF EXISTS " + SessionForwards.tableOf(table));
          } catch (SQLException | RuntimeException e) {
            System.err.println("could not drop test table " + table + ": " + e);
          }
        });
    POOLS.values().forEach(HikariDataSource::close);
  }

  @Override
  public String toString() {
    return kind.toLowerCase(Locale.ROOT);
  }
}
