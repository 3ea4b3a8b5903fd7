package dev.sessionkit.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The validated settings a {@link JdbcSessionStoreBuilder} hands to the store. */
record JdbcSessionStoreSettings(
    DataSource dataSource,
    AutoCloseable ownedPool,
    String tableName,
    boolean createTable,
    Clock clock,
    Duration sweepInterval,
    int sweepBatchSize,
    int queryTimeoutSeconds) {

  // The table name is pasted into SQL, so only plain identifiers, optionally schema-qualified.
  private static final Pattern TABLE_NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,47}");

  JdbcSessionStoreSettings {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(clock, "clock");
    checkTableName(tableName);
  }

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
}
