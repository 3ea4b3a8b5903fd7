package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.SessionListener;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.StoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * How long the JDBC store's sweep takes on PostgreSQL as the number of expired rows grows, beside
 * one raw {@code DELETE ... WHERE expires_at_us <= ?} of the same rows. Each iteration refills the
 * table and times one sweep; the store deletes in batches (default size) so that no single
 * statement holds locks for long, and the statements it needed are printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcSweepBenchmark {

  /** How many expired rows each sweep finds. */
  @Param({"10000", "100000", "1000000"})
  public int expiredRows;

  private Servers.Handle server;
  private HikariDataSource pool;
  private CountingDataSource counting;
  private String table;
  private JdbcSessionStore store;
  private long statementsBefore;

  /** Opens the pool and creates the store's table. */
  @Setup(Level.Trial)
  public void setUp() {
    server = Servers.postgres();
    pool = Postgres.pool(server.address(), 2);
    counting = new CountingDataSource(pool);
    table = "sessionkit_sweep_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    store =
        JdbcSessionStore.builder()
            .dataSource(counting.dataSource())
            .tableName(table)
            .createTable(true)
            .sweeper(false)
            .create(new StoreContext(Clock.systemUTC(), SessionListener.NONE));
  }

  /**
   * Fills the table with expired rows shaped like the store's, in one statement.
   *
   * @throws SQLException when the rows cannot be written
   */
  @Setup(Level.Iteration)
  public void fill() throws SQLException {
    long past = Clock.systemUTC().millis() * 1000 - 3_600_000_000L;
    try (Connection c = pool.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO "
                    + table
                    + " (session_key, creation_time_us, last_access_time_us, idle_timeout_us,"
                    + " absolute_deadline_us, expires_at_us, principal, attributes, version)"
                    + " SELECT md5(g::text) || md5('k' || g::text), ?, ?, ?, NULL, ?, NULL,"
                    + " ?::jsonb, 1 FROM generate_series(1, ?) AS g")) {
      insert.setLong(1, past);
      insert.setLong(2, past);
      insert.setLong(3, Fixtures.IDLE_TIMEOUT.toNanos() / 1000);
      insert.setLong(4, past);
      insert.setString(5, "{\"theme\":\"dark\",\"cart\":[101,202,303]}");
      insert.setInt(6, expiredRows);
      insert.executeUpdate();
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE " + table);
    }
    statementsBefore = counting.statements();
  }

  /**
   * Prints the statements the store's sweep took (the raw side is one {@code DELETE}).
   *
   * @param params which benchmark this fork runs
   */
  @TearDown(Level.Iteration)
  public void report(BenchmarkParams params) {
    if (params.getBenchmark().endsWith(".sweep")) {
      System.out.printf(
          Locale.ROOT,
          "STATEMENTS jdbc sweep of %7d expired rows: %d statements (raw: 1 DELETE)%n",
          expiredRows,
          counting.statements() - statementsBefore);
    }
  }

  /**
   * Drops the table and closes the pool.
   *
   * @throws SQLException when the table cannot be dropped
   */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      store.close();
      s.execute("DROP TABLE IF EXISTS " + table);
    } finally {
      pool.close();
      server.close();
    }
  }

  /**
   * Sweeps every expired row through the store.
   *
   * @return how many rows were deleted
   */
  @Benchmark
  public long sweep() {
    long deleted = store.sweepExpired();
    if (deleted != expiredRows) {
      throw new IllegalStateException("swept " + deleted + " of " + expiredRows + " rows");
    }
    return deleted;
  }

  /**
   * The baseline of {@link #sweep}: one {@code DELETE} of every expired row.
   *
   * @return how many rows were deleted
   * @throws SQLException when the delete fails
   */
  @Benchmark
  public int rawSweep() throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + table + " WHERE expires_at_us <= ?")) {
      delete.setLong(1, Clock.systemUTC().millis() * 1000);
      int deleted = delete.executeUpdate();
      if (deleted != expiredRows) {
        throw new IllegalStateException("deleted " + deleted + " of " + expiredRows + " rows");
      }
      return deleted;
    }
  }
}
