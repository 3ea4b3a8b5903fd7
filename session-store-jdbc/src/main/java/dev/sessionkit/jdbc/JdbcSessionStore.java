package dev.sessionkit.jdbc;

import dev.sessionkit.ExpirySweeper;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.SessionStoreException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in one table of PostgreSQL, MySQL/MariaDB or H2, reached through any
 * {@link DataSource}. Thread-safe.
 *
 * <p>Load, touch and delete are one statement each, and so is applying a delta: an {@code UPDATE}
 * that merges the attributes in the database on PostgreSQL ({@code jsonb} operators) and
 * MySQL/MariaDB ({@code JSON_REMOVE} and {@code JSON_SET}), and on H2 a compare-and-swap on the
 * version column that starts from the row this store loaded last (re-read and re-applied when
 * someone changed the row meanwhile). Expiry is decided by the store's clock, passed to every
 * statement, never by the database's. Expired rows are deleted by a background sweep (see {@link
 * JdbcSessionStoreBuilder#sweepInterval}) or by {@link #sweepExpired()}.
 *
 * <pre>{@code
 * JdbcSessionStore store = JdbcSessionStore.builder()
 *     .jdbcUrl("jdbc:postgresql://db/app", "app", password)
 *     .createTable(true)
 *     .build();
 * }</pre>
 */
public final class JdbcSessionStore implements SessionStore, ExpirySweeper {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  private final DataSource dataSource;
  private final AutoCloseable ownedPool;
  private final Dialect dialect;
  private final SessionTable table;
  private final String tableName;
  private final Clock clock;
  private final int sweepBatchSize;
  private final SweepScheduler sweeper;

  JdbcSessionStore(JdbcSessionStoreSettings settings) {
    this.dataSource = settings.dataSource();
    this.ownedPool = settings.ownedPool();
    this.clock = settings.clock();
    this.tableName = settings.tableName();
    this.sweepBatchSize = settings.sweepBatchSize();
    try {
      try (Connection connection = dataSource.getConnection()) {
        this.dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
        this.table = new SessionTable(tableName, dialect, settings.queryTimeoutSeconds());
        if (settings.createTable()) {
          table.createTable(connection);
        }
        table.checkColumns(connection);
      } catch (SQLException e) {
        throw SqlFailures.translate("start the JDBC session store on table " + tableName, e);
      }
    } catch (RuntimeException e) {
      closeQuietly(ownedPool);
      throw e;
    }
    this.sweeper =
        settings.sweepInterval() == null
            ? null
            : new SweepScheduler(tableName, settings.sweepInterval(), this::sweepExpired);
  }

  /**
   * Starts a builder with the defaults listed on {@link JdbcSessionStoreBuilder}.
   *
   * @return a new builder
   */
  public static JdbcSessionStoreBuilder builder() {
    return new JdbcSessionStoreBuilder();
  }

  /**
   * Returns the DDL that creates the sessions table and its indexes on a database, as shipped in
   * the jar, for a migration tool or a DBA.
   *
   * @param databaseProductName the product name, e.g. {@code "PostgreSQL"}, {@code "MariaDB"},
   *     {@code "MySQL"} or {@code "H2"}
   * @param tableName the table name, optionally schema-qualified
   * @return the statements, without trailing semicolons
   * @throws IllegalStateException for an unsupported database
   * @throws IllegalArgumentException for a table name that is not a plain SQL identifier
   */
  public static List<String> ddl(String databaseProductName, String tableName) {
    return Dialect.of(databaseProductName).ddl(JdbcSessionStoreSettings.checkTableName(tableName));
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    try (Connection connection = dataSource.getConnection()) {
      try {
        return table.load(connection, key, clock.instant()).map(SessionTable.Row::record);
      } catch (SessionTable.CorruptRow corrupt) {
        dropCorrupt(connection, key, corrupt.version);
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("load session " + key.shortForm(), e);
    }
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    try (Connection connection = dataSource.getConnection()) {
      table.create(connection, record);
    } catch (SQLException e) {
      throw SqlFailures.translate("create session " + record.key().shortForm(), e);
    }
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    try (Connection connection = dataSource.getConnection()) {
      try {
        return table.apply(connection, delta, clock.instant());
      } catch (SessionTable.CorruptRow corrupt) {
        dropCorrupt(connection, delta.key(), corrupt.version);
        return false;
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("update session " + delta.key().shortForm(), e);
    }
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    try (Connection connection = dataSource.getConnection()) {
      return table.touch(connection, key, lastAccessTime, expiresAt, clock.instant());
    } catch (SQLException e) {
      throw SqlFailures.translate("touch session " + key.shortForm(), e);
    }
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    try (Connection connection = dataSource.getConnection()) {
      return table.delete(connection, key, clock.instant());
    } catch (SQLException e) {
      throw SqlFailures.translate("delete session " + key.shortForm(), e);
    }
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    try (Connection connection = dataSource.getConnection()) {
      return table.findByPrincipal(connection, principal, clock.instant());
    } catch (SQLException e) {
      throw SqlFailures.translate("find the sessions of a principal", e);
    }
  }

  @Override
  public int deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    try (Connection connection = dataSource.getConnection()) {
      return table.deleteByPrincipal(connection, principal, clock.instant());
    } catch (SQLException e) {
      throw SqlFailures.translate("delete the sessions of a principal", e);
    }
  }

  /**
   * Deletes every row that has expired by the store's clock, in batches of at most the configured
   * batch size, each its own short transaction. Safe to run on several nodes at once: each batch
   * skips rows that another sweeper holds (PostgreSQL, MySQL 8, MariaDB 10.6+).
   *
   * @return how many rows were deleted
   * @throws SessionStoreException when the database fails; rows deleted before stay deleted
   */
  @Override
  public long sweepExpired() {
    Instant now = clock.instant();
    long total = 0;
    try (Connection connection = dataSource.getConnection()) {
      int deleted;
      do {
        deleted = table.sweepBatch(connection, now, sweepBatchSize);
        total += deleted;
      } while (deleted >= sweepBatchSize && !Thread.currentThread().isInterrupted());
    } catch (SQLException e) {
      throw SqlFailures.translate(
          "sweep expired sessions from " + tableName + " after deleting " + total, e);
    }
    LOG.log(
        total > 0 ? Level.INFO : Level.DEBUG,
        "swept {0} expired sessions from {1}",
        total,
        tableName);
    return total;
  }

  /**
   * Returns the database dialect detected at build, for diagnostics.
   *
   * @return {@code "PostgreSQL"}, {@code "MySQL/MariaDB"} or {@code "H2"}
   */
  public String databaseDialect() {
    return switch (dialect) {
      case POSTGRESQL -> "PostgreSQL";
      case MARIADB -> "MySQL/MariaDB";
      case H2 -> "H2";
    };
  }

  /**
   * Stops the sweeper and closes the pool if the store built it; a {@link DataSource} given to the
   * builder is left open.
   */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    closeQuietly(ownedPool);
  }

  private void dropCorrupt(Connection connection, SessionKey key, long version) {
    LOG.log(Level.WARNING, "session {0}: unreadable row treated as missing", key.shortForm());
    try {
      table.deleteVersion(connection, key, version);
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "session {0}: could not delete unreadable row", key.shortForm());
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing the session store's connection pool failed", e);
    }
  }
}
