package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.SessionListener;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The JDBC store's load and apply on PostgreSQL, beside one raw {@code SELECT} and one raw {@code
 * UPDATE} by primary key on a row of the same shape, through the same pool. Before measuring, it
 * prints the statements and commits each operation sends, also for touch, the per-principal cap
 * ({@code admit} under its limit) and the inventory's count and page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcStoreBenchmark {

  private Servers.Handle server;
  private HikariDataSource pool;
  private CountingDataSource counting;
  private DataSource dataSource;
  private String table;
  private String rawTable;
  private JdbcSessionStore store;

  private SessionKey key;
  private SessionDelta delta;
  private String rawSelect;
  private String rawUpdate;
  private String rawKey;
  private long rawNowMicros;

  /**
   * Opens the pool, creates the store's table and the raw table, writes one session to each, and
   * (in the fork of {@link #load}) prints the statements per operation.
   *
   * @param params which benchmark this fork runs
   * @throws SQLException when the raw table cannot be set up
   */
  @Setup
  public void setUp(BenchmarkParams params) throws SQLException {
    server = Servers.postgres();
    pool = Postgres.pool(server.address(), 4);
    counting = new CountingDataSource(pool);
    dataSource = counting.dataSource();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    table = "sessionkit_bench_" + suffix;
    rawTable = "sessionkit_bench_raw_" + suffix;
    Clock clock = Clock.systemUTC();
    store =
        JdbcSessionStore.builder()
            .dataSource(dataSource)
            .tableName(table)
            .createTable(true)
            .sweeper(false)
            .create(new StoreContext(clock, SessionListener.NONE));

    Instant now = clock.instant();
    key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, now);
    store.create(record);
    delta = Fixtures.delta(key, now);

    rawKey = Fixtures.newKey().value();
    rawNowMicros = now.toEpochMilli() * 1000;
    Postgres.createRawTable(pool, rawTable, rawKey, record);
    rawSelect =
        "SELECT creation_time_us, last_access_time_us, idle_timeout_us, absolute_deadline_us,"
            + " expires_at_us, principal, attributes, version FROM "
            + rawTable
            + " WHERE session_key = ?";
    rawUpdate =
        "UPDATE "
            + rawTable
            + " SET attributes = attributes || ?::jsonb, last_access_time_us = ?,"
            + " expires_at_us = ?, version = version + 1 WHERE session_key = ?";

    if (!params.getBenchmark().endsWith(".load")) {
      return; // every method runs in a fork of its own; one report is enough
    }
    report("load", () -> store.load(key));
    report("rawLoad (SELECT)", this::rawLoad);
    report("apply", () -> store.apply(delta));
    report("rawApply (UPDATE)", this::rawApply);
    report("touch", () -> store.touch(key, now, now.plus(Fixtures.IDLE_TIMEOUT)));
    report("admit (under cap)", () -> store.admit(record.principal(), key, 10, true));
    report("count", store::count);
    report("page of 100", () -> store.page(Optional.empty(), 100));
  }

  /**
   * Drops both tables and closes the pool.
   *
   * @throws SQLException when a table cannot be dropped
   */
  @TearDown
  public void tearDown() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      store.close();
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + rawTable);
    } finally {
      pool.close();
      server.close();
    }
  }

  /**
   * Loads the session through the store.
   *
   * @return the record
   */
  @Benchmark
  public Optional<SessionRecord> load() {
    return store.load(key);
  }

  /**
   * The baseline of {@link #load}: one {@code SELECT} of the row by primary key.
   *
   * @return the attributes column
   */
  @Benchmark
  public String rawLoad() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(rawSelect)) {
      select.setString(1, rawKey);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("raw row is gone");
        }
        rs.getLong(1);
        rs.getLong(2);
        rs.getLong(3);
        rs.getLong(4);
        rs.getLong(5);
        rs.getString(6);
        rs.getLong(8);
        return rs.getString(7);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Applies a one-attribute delta through the store.
   *
   * @return whether it was applied
   */
  @Benchmark
  public boolean apply() {
    return store.apply(delta);
  }

  /**
   * The baseline of {@link #apply}: one {@code UPDATE} by primary key that merges the attribute
   * into the JSON column and moves the access time.
   *
   * @return the number of rows updated
   */
  @Benchmark
  public int rawApply() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement(rawUpdate)) {
      update.setString(1, "{\"" + Fixtures.CHANGED_NAME + "\":" + Fixtures.CHANGED_VALUE + "}");
      update.setLong(2, rawNowMicros);
      update.setLong(3, rawNowMicros + Fixtures.IDLE_TIMEOUT.toNanos() / 1000);
      update.setString(4, rawKey);
      return update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void report(String operation, Runnable op) {
    int ops = 200;
    long statements = counting.statements();
    long ends = counting.transactionEnds();
    for (int i = 0; i < ops; i++) {
      op.run();
    }
    System.out.printf(
        Locale.ROOT,
        "STATEMENTS jdbc %-18s statements/op %.2f, commits+rollbacks/op %.2f%n",
        operation,
        (counting.statements() - statements) / (double) ops,
        (counting.transactionEnds() - ends) / (double) ops);
  }
}
