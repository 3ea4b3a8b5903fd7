package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionDelta;
import java.util.Map;

/**
 * How a database folds a delta's attribute changes into the attributes column, so that concurrent
 * deltas to different attributes are all kept: the dialect's choice ({@link Dialect#deltaMerge()}),
 * one of two kinds.
 */
sealed interface DeltaMerge permits DeltaMerge.InDatabase, DeltaMerge.CompareAndSwap {

  /**
   * The database merges with its own JSON functions, on the row's current value under the row lock:
   * a delta is one {@code UPDATE}, whatever else changed the row meanwhile.
   */
  enum InDatabase implements DeltaMerge {
    /** PostgreSQL: {@code jsonb}'s {@code -} drops names, {@code ||} adds or replaces them. */
    JSONB_OPERATORS {
      @Override
      SqlStatement merged(SessionDelta delta) {
        SqlStatement merged = new SqlStatement().sql("attributes");
        if (!delta.removed().isEmpty()) {
          merged = new SqlStatement().sql("(").append(merged).sql(" - ");
          merged.textArray(delta.removed()).sql("::text[])");
        }
        if (!delta.set().isEmpty()) {
          merged.sql(" || ").value(AttributesJson.encode(delta.set())).sql("::jsonb");
        }
        return merged;
      }
    },

    /**
     * MySQL and MariaDB: one {@code JSON_REMOVE} or {@code JSON_SET} per name, nested, the paths as
     * parameters. Neither {@code JSON_MERGE_PATCH} nor one call with several paths: on MariaDB
     * 10.11 both lose changes after the first in some member orders ({@code JSON_MERGE_PATCH} even
     * with ASCII names).
     */
    JSON_FUNCTIONS {
      @Override
      SqlStatement merged(SessionDelta delta) {
        SqlStatement merged = new SqlStatement().sql("attributes");
        for (String name : delta.removed()) {
          merged =
              new SqlStatement()
                  .sql("JSON_REMOVE(")
                  .append(merged)
                  .sql(", ")
                  .value(AttributesJson.path(name))
                  .sql(")");
        }
        for (Map.Entry<String, String> attribute : delta.set().entrySet()) {
          merged =
              new SqlStatement()
                  .sql("JSON_SET(")
                  .append(merged)
                  .sql(", ")
                  .value(AttributesJson.path(attribute.getKey()))
                  .sql(", ")
                  .value(attribute.getValue())
                  .sql(")");
        }
        return merged;
      }
    };

    /**
     * Returns an SQL expression over the current {@code attributes} column that yields it with the
     * delta's removals and sets applied.
     */
    abstract SqlStatement merged(SessionDelta delta);
  }

  /**
   * The database has no JSON functions to merge with (H2): the store merges in Java, from the row
   * as last read, and writes the result back only if the row's version is still the one read;
   * otherwise it reads the row again and re-applies.
   */
  enum CompareAndSwap implements DeltaMerge {
    /** The only way: the version column, which every write of the row increments. */
    ON_VERSION
  }
}
