package dev.sessionkit.jdbc;

import dev.sessionkit.spi.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The settings of one store, checked and with the defaults applied: what a {@link JdbcStoreBuilder}
 * hands to the store it creates.
 *
 * @param dataSource the application's pool, or null when {@code jdbcUrl} is given
 * @param jdbcUrl where the store's own pool connects, or null when {@code dataSource} is given
 * @param tableName a plain, optionally schema-qualified identifier
 * @param createTable whether to create the table and its indexes when missing
 * @param backgroundSweep whether the store sweeps expired rows by itself
 * @param sweepInterval the period of the background sweep; positive
 * @param sweepBatchSize the most rows one sweep statement deletes; positive
 * @param timeout the bound on one statement and on waiting for a connection; positive
 */
record StoreSettings(
    DataSource dataSource,
    JdbcUrl jdbcUrl,
    String tableName,
    boolean createTable,
    boolean backgroundSweep,
    Duration sweepInterval,
    int sweepBatchSize,
    Duration timeout) {

  // The table name is pasted into SQL, so only plain identifiers, optionally schema-qualified.
  private static final Pattern TABLE_NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,47}");

  /**
   * Checks the settings as a builder holds them (null for each one never given) and applies the
   * defaults.
   *
   * @throws IllegalStateException if neither or both of {@code dataSource} and {@code jdbcUrl} are
   *     given, or {@code sweepInterval} is combined with {@code sweeper(false)}
   * @throws IllegalArgumentException if a value is out of range
   */
  static StoreSettings check(
      DataSource dataSource,
      JdbcUrl jdbcUrl,
      String tableName,
      Boolean createTable,
      Boolean sweeper,
      Duration sweepInterval,
      Integer sweepBatchSize,
      Duration timeout) {
    if (dataSource == null && jdbcUrl == null) {
      throw new IllegalStateException("either dataSource or jdbcUrl is required");
    }
    if (dataSource != null && jdbcUrl != null) {
      throw new IllegalStateException("dataSource cannot be combined with jdbcUrl");
    }
    boolean backgroundSweep = Settings.orDefault(sweeper, true);
    if (!backgroundSweep && sweepInterval != null) {
      throw new IllegalStateException("sweepInterval cannot be combined with sweeper(false)");
    }
    int batchSize = Settings.orDefault(sweepBatchSize, JdbcSessionStore.DEFAULT_SWEEP_BATCH_SIZE);
    if (batchSize <= 0) {
      throw new IllegalArgumentException("sweepBatchSize must be positive: " + batchSize);
    }
    return new StoreSettings(
        dataSource,
        jdbcUrl,
        checkTableName(Settings.orDefault(tableName, JdbcSessionStore.DEFAULT_TABLE_NAME)),
        Settings.orDefault(createTable, JdbcSessionStore.DEFAULT_CREATE_TABLE),
        backgroundSweep,
        Settings.requirePositive(
            Settings.orDefault(sweepInterval, JdbcSessionStore.DEFAULT_SWEEP_INTERVAL),
            "sweepInterval"),
        batchSize,
        Settings.requirePositive(
            Settings.orDefault(timeout, JdbcSessionStore.DEFAULT_TIMEOUT), "timeout"));
  }

  /**
   * Checks a table name.
   *
   * @throws IllegalArgumentException if it is not a plain identifier
   */
  static String checkTableName(String tableName) {
    Objects.requireNonNull(tableName, "tableName");
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "tableName must be an SQL identifier of letters, digits and '_', optionally"
              + " schema-qualified, at most 48 characters: "
              + tableName);
    }
    return tableName;
  }

  /** Returns the timeout rounded up to whole seconds, as JDBC counts query timeouts. */
  int timeoutSeconds() {
    return (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
  }
}
