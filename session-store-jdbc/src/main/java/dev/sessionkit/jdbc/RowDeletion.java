package dev.sessionkit.jdbc;

import dev.sessionkit.jdbc.SessionRows.RemovedRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a database deletes the rows that match a condition and tells which it deleted: the dialect's
 * choice ({@link Dialect#rowDeletion()}). The answer is exactly the rows this call deleted, read in
 * the same statement or transaction, so a caller can report each one once even when several nodes
 * delete at the same time. Clearing the table ({@link #deleteAny}) deletes without reporting.
 */
enum RowDeletion {

  /** PostgreSQL: one {@code DELETE … RETURNING}. */
  RETURNING {
    @Override
    List<RemovedRow> deleteAll(
        Connection connection, String table, SqlStatement where, StatementBound bound)
        throws SQLException {
      return new SqlStatement()
          .sql("DELETE FROM " + table + " WHERE ")
          .append(where)
          .sql(" RETURNING " + SessionRows.REMOVED_COLUMNS)
          .query(connection, bound, SessionRows::removed);
    }

    @Override
    List<RemovedRow> deleteBatch(
        Connection connection, String table, SqlStatement where, int limit, StatementBound bound)
        throws SQLException {
      // SKIP LOCKED lets several nodes sweep at once: each takes rows nobody else holds, so
      // sweepers never wait on each other and cannot deadlock. The batch is materialized as an
      // array so the delete probes the primary key; with IN (subquery) the planner may join and
      // scan the whole table per batch, which made a sweep quadratic in the expired rows.
      return new SqlStatement()
          .sql("DELETE FROM " + table + " WHERE session_key = ANY(ARRAY(SELECT session_key FROM ")
          .sql(table + " WHERE ")
          .append(where)
          .sql(" LIMIT ")
          .value(limit)
          .sql(" FOR UPDATE SKIP LOCKED)) AND ")
          .append(where)
          .sql(" RETURNING " + SessionRows.REMOVED_COLUMNS)
          .query(connection, bound, SessionRows::removed);
    }

    @Override
    int deleteAny(Connection connection, String table, int limit, StatementBound bound)
        throws SQLException {
      // PostgreSQL has no DELETE … LIMIT; the array makes it a primary-key lookup, as above.
      return new SqlStatement()
          .sql("DELETE FROM " + table + " WHERE session_key = ANY(ARRAY(SELECT session_key FROM ")
          .sql(table + " LIMIT ")
          .value(limit)
          .sql("))")
          .executeUpdate(connection, bound);
    }
  },

  /**
   * H2: the delete as a data change delta table, {@code SELECT … FROM OLD TABLE (DELETE …)}. H2 has
   * no {@code SKIP LOCKED}; a second sweeper waits for the rows the first one holds.
   */
  OLD_TABLE {
    @Override
    List<RemovedRow> deleteAll(
        Connection connection, String table, SqlStatement where, StatementBound bound)
        throws SQLException {
      return new SqlStatement()
          .sql("SELECT " + SessionRows.REMOVED_COLUMNS + " FROM OLD TABLE (DELETE FROM " + table)
          .sql(" WHERE ")
          .append(where)
          .sql(")")
          .query(connection, bound, SessionRows::removed);
    }

    @Override
    List<RemovedRow> deleteBatch(
        Connection connection, String table, SqlStatement where, int limit, StatementBound bound)
        throws SQLException {
      return new SqlStatement()
          .sql("SELECT " + SessionRows.REMOVED_COLUMNS + " FROM OLD TABLE (DELETE FROM " + table)
          .sql(" WHERE ")
          .append(where)
          .sql(" FETCH FIRST ")
          .value(limit)
          .sql(" ROWS ONLY)")
          .query(connection, bound, SessionRows::removed);
    }

    @Override
    int deleteAny(Connection connection, String table, int limit, StatementBound bound)
        throws SQLException {
      return new SqlStatement()
          .sql("DELETE FROM " + table + " FETCH FIRST ")
          .value(limit)
          .sql(" ROWS ONLY")
          .executeUpdate(connection, bound);
    }
  },

  /**
   * MySQL and MariaDB: lock the rows with {@code SELECT … FOR UPDATE}, then delete them by key, in
   * one transaction (MySQL has no {@code DELETE … RETURNING}, and MariaDB refuses {@code LIMIT} in
   * an {@code IN} subquery). READ COMMITTED keeps InnoDB from taking gap locks that two sweepers
   * could otherwise deadlock on. Two statements, plus one per further thousand rows.
   */
  LOCK_THEN_DELETE {
    @Override
    List<RemovedRow> deleteAll(
        Connection connection, String table, SqlStatement where, StatementBound bound)
        throws SQLException {
      return lockThenDelete(connection, table, where, new SqlStatement().sql(" FOR UPDATE"), bound);
    }

    @Override
    List<RemovedRow> deleteBatch(
        Connection connection, String table, SqlStatement where, int limit, StatementBound bound)
        throws SQLException {
      SqlStatement lock =
          new SqlStatement().sql(" LIMIT ").value(limit).sql(" FOR UPDATE SKIP LOCKED");
      return lockThenDelete(connection, table, where, lock, bound);
    }

    @Override
    int deleteAny(Connection connection, String table, int limit, StatementBound bound)
        throws SQLException {
      return new SqlStatement()
          .sql("DELETE FROM " + table + " LIMIT ")
          .value(limit)
          .executeUpdate(connection, bound);
    }
  };

  /** The most keys one {@code DELETE … IN (…)} names. */
  private static final int KEYS_PER_DELETE = 1000;

  /**
   * Deletes every row that matches, waiting for rows that others hold.
   *
   * @param where a condition on the table's columns
   * @return the rows deleted
   */
  abstract List<RemovedRow> deleteAll(
      Connection connection, String table, SqlStatement where, StatementBound bound)
      throws SQLException;

  /**
   * Deletes at most {@code limit} rows that match, skipping rows another transaction holds where
   * the database can (PostgreSQL, MySQL 8, MariaDB 10.6+).
   *
   * @param where a condition on the table's columns
   * @return the rows deleted
   */
  abstract List<RemovedRow> deleteBatch(
      Connection connection, String table, SqlStatement where, int limit, StatementBound bound)
      throws SQLException;

  /**
   * Deletes at most {@code limit} rows, whichever, without reporting them: one batch of clearing
   * the table. Waits for rows that others hold.
   *
   * @return how many rows were deleted
   */
  abstract int deleteAny(Connection connection, String table, int limit, StatementBound bound)
      throws SQLException;

  private static List<RemovedRow> lockThenDelete(
      Connection connection,
      String table,
      SqlStatement where,
      SqlStatement lock,
      StatementBound bound)
      throws SQLException {
    return Database.inTransaction(
        connection,
        Connection.TRANSACTION_READ_COMMITTED,
        c -> {
          List<RemovedRow> locked =
              new SqlStatement()
                  .sql("SELECT " + SessionRows.REMOVED_COLUMNS + " FROM " + table + " WHERE ")
                  .append(where)
                  .append(lock)
                  .query(c, bound, SessionRows::removed);
          List<String> keys = locked.stream().map(RemovedRow::storedKey).toList();
          // The rows are locked, so the condition still holds; checking it again costs nothing.
          deleteKeys(c, table, keys, where, bound);
          return locked;
        });
  }

  /**
   * Deletes the rows under the given stored keys that also meet a condition, {@value
   * #KEYS_PER_DELETE} keys per statement.
   *
   * @return how many rows were deleted
   */
  static int deleteKeys(
      Connection connection,
      String table,
      List<String> keys,
      SqlStatement where,
      StatementBound bound)
      throws SQLException {
    int deleted = 0;
    for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE));
      SqlStatement delete =
          new SqlStatement().sql("DELETE FROM " + table + " WHERE session_key IN (");
      for (int i = 0; i < chunk.size(); i++) {
        delete.sql(i == 0 ? "" : ", ").value(chunk.get(i));
      }
      deleted += delete.sql(") AND ").append(where).executeUpdate(connection, bound);
    }
    return deleted;
  }
}
