package dev.sessionkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases the store supports: the DDL, the upsert, how a delta's
 * attributes are merged ({@link DeltaMerge}), how rows are deleted and reported ({@link
 * RowDeletion}) and how the admissions of one principal are serialized ({@link PrincipalCap.Lock}).
 * Everything else is standard SQL, in {@link SessionTable}, {@link PrincipalCap} and {@link
 * TableInventory}.
 */
enum Dialect {
  POSTGRESQL(
      "PostgreSQL",
      "postgresql.sql",
      DeltaMerge.InDatabase.JSONB_OPERATORS,
      RowDeletion.RETURNING,
      PrincipalCap.Lock.ADVISORY) {
    @Override
    String upsert(String table) {
      return "INSERT INTO "
          + table
          + " ("
          + SessionRows.COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (session_key) DO UPDATE SET"
          + " creation_time_us = EXCLUDED.creation_time_us,"
          + " last_access_time_us = EXCLUDED.last_access_time_us,"
          + " idle_timeout_us = EXCLUDED.idle_timeout_us,"
          + " absolute_deadline_us = EXCLUDED.absolute_deadline_us,"
          + " expires_at_us = EXCLUDED.expires_at_us, principal = EXCLUDED.principal,"
          + " attributes = EXCLUDED.attributes, version = "
          + table
          + ".version + 1";
    }
  },

  MARIADB(
      "MySQL/MariaDB",
      "mariadb.sql",
      DeltaMerge.InDatabase.JSON_FUNCTIONS,
      RowDeletion.LOCK_THEN_DELETE,
      PrincipalCap.Lock.NEXT_KEY) {
    @Override
    String upsert(String table) {
      return "INSERT INTO "
          + table
          + " ("
          + SessionRows.COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
          + " creation_time_us = VALUES(creation_time_us),"
          + " last_access_time_us = VALUES(last_access_time_us),"
          + " idle_timeout_us = VALUES(idle_timeout_us),"
          + " absolute_deadline_us = VALUES(absolute_deadline_us),"
          + " expires_at_us = VALUES(expires_at_us), principal = VALUES(principal),"
          + " attributes = VALUES(attributes), version = version + 1";
    }
  },

  H2(
      "H2",
      "h2.sql",
      DeltaMerge.CompareAndSwap.ON_VERSION,
      RowDeletion.OLD_TABLE,
      PrincipalCap.Lock.IN_PROCESS) {
    @Override
    String upsert(String table) {
      return "MERGE INTO "
          + table
          + " t USING (SELECT CAST(? AS CHAR(64)) AS session_key, CAST(? AS BIGINT) AS c,"
          + " CAST(? AS BIGINT) AS l, CAST(? AS BIGINT) AS i, CAST(? AS BIGINT) AS d,"
          + " CAST(? AS BIGINT) AS e, CAST(? AS VARCHAR(512)) AS p,"
          + " CAST(? AS CHARACTER LARGE OBJECT) AS a, CAST(? AS BIGINT) AS v) s"
          + " ON t.session_key = s.session_key"
          + " WHEN MATCHED THEN UPDATE SET creation_time_us = s.c, last_access_time_us = s.l,"
          + " idle_timeout_us = s.i, absolute_deadline_us = s.d, expires_at_us = s.e,"
          + " principal = s.p, attributes = s.a, version = t.version + 1"
          + " WHEN NOT MATCHED THEN INSERT ("
          + SessionRows.COLUMNS
          + ") VALUES (s.session_key, s.c, s.l, s.i, s.d, s.e, s.p, s.a, s.v)";
    }
  };

  private final String displayName;
  private final String ddlResource;
  private final DeltaMerge deltaMerge;
  private final RowDeletion rowDeletion;
  private final PrincipalCap.Lock principalLock;

  Dialect(
      String displayName,
      String ddlResource,
      DeltaMerge deltaMerge,
      RowDeletion rowDeletion,
      PrincipalCap.Lock principalLock) {
    this.displayName = displayName;
    this.ddlResource = ddlResource;
    this.deltaMerge = deltaMerge;
    this.rowDeletion = rowDeletion;
    this.principalLock = principalLock;
  }

  /**
   * Returns the dialect of a database product, as {@code DatabaseMetaData} names it.
   *
   * @throws IllegalStateException for a database the store does not support
   */
  static Dialect of(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException(
        "unsupported database '"
            + productName
            + "': the JDBC session store supports PostgreSQL, MySQL/MariaDB and H2");
  }

  /**
   * Returns a statement that inserts or replaces a whole row, its parameters in {@link
   * SessionRows#COLUMNS} order (see {@link SessionRows#bindUpsert}); a replaced row's version goes
   * up by one instead of taking the one bound.
   */
  abstract String upsert(String table);

  /** Returns how this database merges a delta's attribute changes. */
  DeltaMerge deltaMerge() {
    return deltaMerge;
  }

  /** Returns how this database deletes rows and reports which. */
  RowDeletion rowDeletion() {
    return rowDeletion;
  }

  /** Returns how this database serializes the admissions of one principal under a cap. */
  PrincipalCap.Lock principalLock() {
    return principalLock;
  }

  /** Returns the name for people: {@code "PostgreSQL"}, {@code "MySQL/MariaDB"} or {@code "H2"}. */
  String displayName() {
    return displayName;
  }

  /** Returns the DDL that creates the table and its indexes, one statement per element. */
  List<String> ddl(String table) {
    String unqualified = table.substring(table.lastIndexOf('.') + 1);
    String script = ddlScript().replace("${table}", table).replace("${index}", unqualified);
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (line.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.trim().endsWith(";")) {
        String statement = current.toString().trim();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }

  private String ddlScript() {
    try (InputStream in = Dialect.class.getResourceAsStream(ddlResource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ddlResource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
