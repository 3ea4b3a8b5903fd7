package dev.sessionkit.jdbc;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.jdbc.SessionRows.RemovedRow;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.StoreContext;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deletes the rows that expired by the engine's clock, in batches, and tells the engine's listener
 * of each: {@link JdbcSessionStore#sweepExpired()}, run by the background sweeper or by the
 * application. Thread-safe.
 *
 * <p>Reporting costs nothing extra: the delete itself returns each row's key, principal and expiry
 * (PostgreSQL {@code RETURNING}, H2 {@code OLD TABLE}, MySQL/MariaDB the locking {@code SELECT}),
 * after it committed. Each expired row is deleted by exactly one sweep, so across a cluster each
 * expiry is heard once, on the node whose sweep deleted it.
 */
final class ExpirySweep {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  private final Database database;
  private final SessionTable table;
  private final String tableName;
  private final Clock clock;
  private final SessionListener listener;
  private final int batchSize;

  private final SessionForwards forwards;

  ExpirySweep(
      Database database,
      SessionTable table,
      SessionForwards forwards,
      StoreSettings settings,
      StoreContext context) {
    this.forwards = forwards;
    this.database = database;
    this.table = table;
    this.tableName = settings.tableName();
    this.clock = context.clock();
    this.listener = context.listener();
    this.batchSize = settings.sweepBatchSize();
  }

  /**
   * Sweeps once, batch after batch, each its own short transaction, until a batch comes back short.
   *
   * @return how many rows were deleted
   * @throws dev.sessionkit.SessionStoreException when the database fails; rows deleted before stay
   *     deleted, and were reported
   */
  long run() {
    Instant now = clock.instant();
    long total = 0;
    try (Connection connection = database.connect()) {
      int deleted;
      do {
        List<RemovedRow> batch = table.sweepBatch(connection, now, batchSize);
        deleted = batch.size();
        total += deleted;
        report(batch);
      } while (deleted >= batchSize && !Thread.currentThread().isInterrupted());
      // Forwards past their grace lead nowhere already; they go without an event.
      forwards.sweep(connection, now);
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

  private void report(List<RemovedRow> rows) {
    if (listener == SessionListener.NONE) {
      return;
    }
    for (RemovedRow row : rows) {
      Optional<SessionKey> key = row.key();
      if (key.isEmpty()) {
        continue;
      }
      SessionEvent event =
          new SessionEvent(key.get(), Optional.ofNullable(row.principal()), row.expiresAt());
      try {
        listener.expired(event);
      } catch (RuntimeException e) {
        // A listener's bug must not stop the sweep.
        LOG.log(
            Level.WARNING, "session listener failed on expiry of " + key.get() + "; ignored", e);
      }
    }
  }
}
