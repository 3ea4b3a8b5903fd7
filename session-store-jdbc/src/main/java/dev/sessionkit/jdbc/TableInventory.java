package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionInventory.Page;
import dev.sessionkit.spi.SessionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of {@link JdbcSessionStore}'s {@link dev.sessionkit.spi.SessionInventory}: counting the
 * live rows, paging through them by primary key, and deleting every row in batches. Thread-safe;
 * each call runs on the connection it is given.
 */
final class TableInventory {

  /** The most records one page holds, whatever the caller asks for. */
  static final int MAX_PAGE = 1000;

  private final String table;
  private final Dialect dialect;
  private final StatementBound bound;
  private final int batchSize;

  /**
   * Pages and clears one table.
   *
   * @param bound how each statement is bounded in time
   * @param batchSize the most rows one statement of {@link #clear} deletes
   */
  TableInventory(String table, Dialect dialect, StatementBound bound, int batchSize) {
    this.table = table;
    this.dialect = dialect;
    this.bound = bound;
    this.batchSize = batchSize;
  }

  /** Counts the rows that are live at {@code now}. */
  long count(Connection connection, Instant now) throws SQLException {
    return new SqlStatement()
        .sql("SELECT COUNT(*) FROM " + table + " WHERE expires_at_us > ")
        .value(now)
        .query(connection, bound, row -> Optional.of(row.getLong(1)))
        .get(0);
  }

  /**
   * Reads the live rows after the cursor, in primary-key order: keyset pagination, so a page costs
   * one index range scan however deep into the table it is, and a session live throughout is on
   * exactly one page. One row more than the page is read to learn whether another page follows. The
   * cursor is the key column of the last row read, unreadable rows included, so that those are
   * stepped over rather than read again.
   *
   * @param after the cursor of the previous page, empty for the first
   * @param limit at least 1; at most {@link #MAX_PAGE} is used
   */
  Page page(Connection connection, Optional<String> after, int limit, Instant now)
      throws SQLException {
    int size = Math.min(limit, MAX_PAGE);
    SqlStatement select =
        new SqlStatement()
            .sql("SELECT " + SessionRows.RECORD_COLUMNS + " FROM " + table)
            .sql(" WHERE expires_at_us > ")
            .value(now);
    after.ifPresent(key -> select.sql(" AND session_key > ").value(key));
    List<KeyedRow> rows =
        select
            .sql(" ORDER BY session_key LIMIT ")
            .value(size + 1L)
            .query(
                connection,
                bound,
                row ->
                    Optional.of(new KeyedRow(row.getString(1).strip(), SessionRows.record(row))));
    List<KeyedRow> page = rows.subList(0, Math.min(size, rows.size()));
    List<SessionRecord> records = page.stream().flatMap(row -> row.record().stream()).toList();
    Optional<String> next =
        rows.size() > size ? Optional.of(page.get(page.size() - 1).key()) : Optional.empty();
    return new Page(records, next);
  }

  /**
   * Deletes every row, live or not, in batches of at most the sweep batch size, each its own
   * statement, so that no statement runs into the timeout on a large table.
   *
   * @return how many rows were deleted
   */
  long clear(Connection connection) throws SQLException {
    long total = 0;
    int deleted;
    do {
      deleted = dialect.rowDeletion().deleteAny(connection, table, batchSize, bound);
      total += deleted;
    } while (deleted >= batchSize && !Thread.currentThread().isInterrupted());
    return total;
  }

  /** A row as read for a page: its key column as stored, and the record unless unreadable. */
  private record KeyedRow(String key, Optional<SessionRecord> record) {}
}
