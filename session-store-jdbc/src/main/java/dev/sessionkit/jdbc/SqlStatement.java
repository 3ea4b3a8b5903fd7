package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An SQL statement built in pieces, each parameter bound at the point where its mark is written, so
 * that marks and values cannot drift apart however the pieces are combined. Only the table name is
 * ever pasted into the text, and it was checked to be a plain identifier; every value is a
 * parameter. Not thread-safe; build one per call.
 */
final class SqlStatement {

  /** Binds one parameter. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  private final StringBuilder text = new StringBuilder();
  private final List<Binder> binders = new ArrayList<>();

  /** Appends SQL text, which must not come from a caller. */
  SqlStatement sql(String fragment) {
    text.append(fragment);
    return this;
  }

  /** Appends another statement's text and parameters, e.g. a condition used twice. */
  SqlStatement append(SqlStatement other) {
    text.append(other.text);
    binders.addAll(other.binders);
    return this;
  }

  /** Appends a mark bound to a number. */
  SqlStatement value(long value) {
    return mark((statement, index) -> statement.setLong(index, value));
  }

  /** Appends a mark bound to a time, as epoch microseconds; SQL NULL for null. */
  SqlStatement value(Instant value) {
    if (value == null) {
      return mark((statement, index) -> statement.setNull(index, Types.BIGINT));
    }
    return value(Micros.of(value));
  }

  /** Appends a mark bound to a text; SQL NULL for null. */
  SqlStatement value(String value) {
    if (value == null) {
      return mark((statement, index) -> statement.setNull(index, Types.VARCHAR));
    }
    return mark((statement, index) -> statement.setString(index, value));
  }

  /** Appends a mark bound to an SQL array of text (PostgreSQL's {@code text[]}). */
  SqlStatement textArray(Collection<String> values) {
    Object[] elements = values.toArray();
    return mark(
        (statement, index) ->
            statement.setArray(index, statement.getConnection().createArrayOf("text", elements)));
  }

  private SqlStatement mark(Binder binder) {
    text.append('?');
    binders.add(binder);
    return this;
  }

  /** Returns the text, with a {@code ?} for each parameter. */
  String text() {
    return text.toString();
  }

  /** Prepares the statement on a connection with its parameters bound. */
  private PreparedStatement prepare(Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(text.toString());
    try {
      for (int i = 0; i < binders.size(); i++) {
        binders.get(i).bind(statement, i + 1);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Runs an INSERT, UPDATE or DELETE within the bound and returns how many rows it changed. */
  int executeUpdate(Connection connection, StatementBound bound) throws SQLException {
    try (PreparedStatement statement = prepare(connection)) {
      return bound.execute(statement, PreparedStatement::executeUpdate);
    }
  }

  /** Runs an UPDATE or DELETE within the bound and returns whether it changed a row. */
  boolean changesRows(Connection connection, StatementBound bound) throws SQLException {
    return executeUpdate(connection, bound) > 0;
  }

  /**
   * Reads the rows of a query within the bound, one element per row; rows the mapper skips are left
   * out.
   */
  <T> List<T> query(Connection connection, StatementBound bound, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection)) {
      return bound.execute(
          statement,
          executing -> {
            try (ResultSet rows = executing.executeQuery()) {
              List<T> result = new ArrayList<>();
              while (rows.next()) {
                mapper.map(rows).ifPresent(result::add);
              }
              return result;
            }
          });
    }
  }

  /** Turns the current row of a result into a value, or skips it (an unreadable row). */
  @FunctionalInterface
  interface RowMapper<T> {
    Optional<T> map(ResultSet row) throws SQLException;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
