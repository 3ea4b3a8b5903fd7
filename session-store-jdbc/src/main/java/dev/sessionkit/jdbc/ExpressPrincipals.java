package dev.sessionkit.jdbc;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sessions of each principal in connect-pg-simple's table ({@link ExpressJdbcStore}): no index
 * table to keep current, but the principal SessionKit writes into each row ({@code
 * sess->'sessionkit'->>'p'}) and an expression index on it. Node keeps that member on its saves and
 * drops the row on a destroy, so a query finds exactly the rows that name the principal now; a
 * session Node logged into names one once this side has written it (a load that derives the
 * principal from an attribute does). The cap's admission is one transaction that takes an advisory
 * lock on the table and the principal (as {@link PrincipalCap.Lock#ADVISORY}), reads the
 * principal's live rows with {@code FOR UPDATE} and deletes the victims of {@link CapRule}.
 * Thread-safe.
 */
final class ExpressPrincipals {

  /**
   * The principal SessionKit wrote into a row, as the text between its JSON quotes (still escaped).
   * Read from the row's text with a pattern rather than with {@code ->}, which fails on a whole row
   * as soon as any member holds a {@code \u0000}; the last {@code "sessionkit"} member wins, as
   * every writer puts it after the attributes, and the decoded record decides in the end.
   */
  static final String PRINCIPAL =
      "substring(sess::text from"
          + " '.*\"sessionkit\"\\s*:\\s*\\{[^{}]*\"p\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"')";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Database database;
  private final String table;
  private final String selectSql;
  private final String deleteSql;

  ExpressPrincipals(Database database, String table) {
    this.database = database;
    this.table = table;
    String columns = "sid, sess::text, (extract(epoch from expire::timestamptz) * 1000)::bigint";
    this.selectSql = "SELECT " + columns + " FROM " + table + " WHERE " + PRINCIPAL + " = ?";
    this.deleteSql = "DELETE FROM " + table + " WHERE sid = ? AND " + PRINCIPAL + " = ?";
  }

  /** The expression index that finds a principal's rows ({@code CREATE INDEX IF NOT EXISTS}). */
  static String ddl(String table) {
    String index = "IDX_" + table.replace('.', '_') + "_principal";
    return "CREATE INDEX IF NOT EXISTS \"" + index + "\" ON " + table + " (" + PRINCIPAL + ")";
  }

  /** A principal as {@link #PRINCIPAL} reads it: its JSON string without the quotes. */
  private static String escaped(String principal) {
    String json = JSON.writeValueAsString(principal);
    return json.substring(1, json.length() - 1);
  }

  List<SessionRecord> find(String principal, Instant now) {
    return database.call("find sessions by principal", c -> rows(c, principal, now, true, ""));
  }

  List<SessionKey> deleteAll(String principal, Instant now) {
    return database.call(
        "delete sessions by principal",
        c -> {
          // Ended rows of the principal go too; the live ones are the answer.
          List<SessionKey> deleted = new ArrayList<>();
          for (SessionRecord record : rows(c, principal, now, false, "")) {
            if (delete(c, record.key(), principal) && !record.isExpiredAt(now)) {
              deleted.add(record.key());
            }
          }
          return List.copyOf(deleted);
        });
  }

  Admission admit(
      String principal, SessionKey newcomer, int limit, boolean endOldest, Instant now) {
    CapRule.checkLimit(limit);
    return database.call(
        "admit session",
        c ->
            Database.inTransaction(
                c,
                Connection.TRANSACTION_READ_COMMITTED,
                t -> {
                  // Every admission of the principal waits for the one before it; its read,
                  // which starts after the lock was granted, sees every row committed before.
                  try (PreparedStatement s =
                      t.prepareStatement(
                          "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
                    s.setString(1, table);
                    s.setString(2, principal);
                    database.bound().execute(s, PreparedStatement::execute);
                  }
                  List<SessionRecord> live = rows(t, principal, now, true, " FOR UPDATE");
                  List<SessionRecord> ended = CapRule.victims(live, newcomer, limit, endOldest);
                  for (SessionRecord victim : ended) {
                    delete(t, victim.key(), principal);
                  }
                  return new Admission(endOldest || ended.isEmpty(), ended);
                }));
  }

  /**
   * The principal's rows, decoded: those live at {@code now}, or all of them; rows that cannot be
   * read, or that name someone else once decoded, are left out.
   */
  private List<SessionRecord> rows(
      Connection c, String principal, Instant now, boolean liveOnly, String lock)
      throws SQLException {
    String live = liveOnly ? " AND expire > to_timestamp(?)" : "";
    try (PreparedStatement s = c.prepareStatement(selectSql + live + lock)) {
      s.setString(1, escaped(principal));
      if (liveOnly) {
        s.setDouble(2, now.toEpochMilli() / 1000.0);
      }
      return database
          .bound()
          .execute(
              s,
              st -> {
                List<SessionRecord> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                  while (rs.next()) {
                    SessionKey key;
                    try {
                      key = new SessionKey(rs.getString(1));
                    } catch (IllegalArgumentException e) {
                      continue;
                    }
                    Instant expire = Instant.ofEpochMilli(rs.getLong(3));
                    ExpressSessionJson.decode(key, rs.getString(2), now, expire)
                        .filter(r -> !liveOnly || !r.isExpiredAt(now))
                        .filter(r -> principal.equals(r.principal()))
                        .ifPresent(out::add);
                  }
                }
                return out;
              });
    }
  }

  private boolean delete(Connection c, SessionKey key, String principal) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(deleteSql)) {
      s.setString(1, key.value());
      s.setString(2, escaped(principal));
      return database.bound().execute(s, PreparedStatement::executeUpdate) > 0;
    }
  }
}
