package dev.sessionkit.jdbc;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in connect-pg-simple's table, so that a Node application (express-session with
 * connect-pg-simple) and this one share them: {@code session(sid varchar primary key, sess json not
 * null, expire timestamp(6) not null)}, {@code sess} express-session's JSON ({@link
 * ExpressSessionJson}), {@code expire} the session's end. Rows are keyed by raw session ids,
 * because Node looks them up so. PostgreSQL only. Thread-safe.
 *
 * <p>Instants go through {@code to_timestamp(epoch seconds)}, as connect-pg-simple writes them, so
 * both sides agree on {@code expire} whatever the server's time zone. A delta or a touch is one
 * {@code UPDATE} that merges into {@code sess} with {@code jsonb} operators and only where the row
 * is still live by the engine's clock, so a deleted session is never written again and members the
 * other side wrote are kept. {@code jsonb} normalizes what it merges: member order and the spaces
 * between tokens change, values keep their meaning (numbers keep every digit).
 *
 * <p>The sessions of a principal are the rows whose {@code sessionkit.p} names it ({@link
 * ExpressPrincipals}), found through an expression index.
 */
final class ExpressJdbcStore implements SessionStore, PrincipalSessions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Database database;
  private final String table;
  private final Clock clock;
  private final String loadSql;
  private final String upsertSql;
  private final String mergeSql;
  private final String deleteSql;
  private final String lockSql;
  private final String rewriteSql;
  private final ExpressPrincipals principals;

  /**
   * PostgreSQL's "unsupported Unicode escape sequence": a \u0000 its JSON functions cannot read.
   */
  private static final String UNICODE_NUL = "22P05";

  ExpressJdbcStore(Database database, String table, boolean createTable, Clock clock) {
    this.database = database;
    this.table = table;
    this.clock = clock;
    this.loadSql =
        "SELECT sess::text, (extract(epoch from expire::timestamptz) * 1000)::bigint FROM "
            + table
            + " WHERE sid = ? AND expire > to_timestamp(?)";
    this.upsertSql =
        "INSERT INTO "
            + table
            + " (sid, sess, expire) VALUES (?, ?::json, to_timestamp(?))"
            + " ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire";
    // One statement for a delta and a touch, on a live row only (expire, then the absolute
    // deadline). The members are rebuilt as text from json_each, so the values the other side
    // wrote keep their exact text (jsonb would respace them, reorder them and refuse \u0000);
    // jsonb only patches the small cookie and sessionkit objects.
    this.mergeSql =
        "UPDATE "
            + table
            + " SET sess = (SELECT ('{' || string_agg(to_json(k)::text || ':' || v, ',') || '}')"
            + "::json FROM ("
            + " SELECT key AS k, value::text AS v FROM json_each(sess) WHERE NOT (key = ANY(?::text[]))"
            + " UNION ALL SELECT key, value::text FROM json_each(?::json)"
            + " UNION ALL SELECT 'cookie', (coalesce((sess -> 'cookie')::jsonb, '{}'::jsonb)"
            + " || ?::jsonb)::text"
            + " UNION ALL SELECT 'sessionkit', ((coalesce((sess -> 'sessionkit')::jsonb,"
            + " '{}'::jsonb) || ?::jsonb) - ?::text[])::text) m),"
            + " expire = to_timestamp(?)"
            + " WHERE sid = ? AND expire > to_timestamp(?) AND json_typeof(sess) = 'object'"
            + " AND coalesce(CASE WHEN (sess -> 'sessionkit' ->> 'd') ~ '^[0-9]{1,18}$'"
            + " THEN (sess -> 'sessionkit' ->> 'd')::bigint END, 9223372036854775807) > ?";
    this.deleteSql = "DELETE FROM " + table + " WHERE sid = ?";
    this.lockSql =
        "SELECT sess::text FROM "
            + table
            + " WHERE sid = ? AND expire > to_timestamp(?) FOR UPDATE";
    this.rewriteSql =
        "UPDATE " + table + " SET sess = ?::json, expire = to_timestamp(?) WHERE sid = ?";
    this.principals = new ExpressPrincipals(database, table);
    if (createTable) {
      database.call(
          "create table " + table,
          c -> {
            for (String ddl : ddl(table)) {
              try (PreparedStatement s = c.prepareStatement(ddl)) {
                database.bound().execute(s, PreparedStatement::executeUpdate);
              }
            }
            return null;
          });
    }
  }

  /** connect-pg-simple's own table and index ({@code table.sql} of its package). */
  static List<String> ddl(String table) {
    String index = "IDX_" + table.replace('.', '_') + "_expire";
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (sid varchar NOT NULL PRIMARY KEY, sess json NOT NULL, expire timestamp(6) NOT NULL)",
        "CREATE INDEX IF NOT EXISTS \"" + index + "\" ON " + table + " (expire)",
        ExpressPrincipals.ddl(table));
  }

  @Override
  public boolean keysByRawId() {
    return true;
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    return database.call(
        "load session",
        key,
        c -> {
          try (PreparedStatement s = c.prepareStatement(loadSql)) {
            s.setString(1, key.value());
            s.setDouble(2, seconds(now));
            return database
                .bound()
                .execute(
                    s,
                    st -> {
                      try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                          return Optional.<SessionRecord>empty();
                        }
                        Instant expire = Instant.ofEpochMilli(rs.getLong(2));
                        return ExpressSessionJson.decode(key, rs.getString(1), now, expire)
                            .filter(r -> !r.isExpiredAt(now));
                      }
                    });
          }
        });
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    String json = ExpressSessionJson.encode(record);
    database.call(
        "create session",
        record.key(),
        c -> {
          try (PreparedStatement s = c.prepareStatement(upsertSql)) {
            s.setString(1, record.key().value());
            s.setString(2, json);
            s.setDouble(3, seconds(record.expiresAt()));
            return database.bound().execute(s, PreparedStatement::executeUpdate);
          }
        });
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    delta.set().keySet().forEach(ExpressSessionJson::checkName);
    return merge(delta, false);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    // A touch as a delta that changes nothing; its idle timeout is not written.
    return merge(
        new SessionDelta(
            key,
            Map.of(),
            java.util.Set.of(),
            lastAccessTime,
            Duration.ofMillis(1),
            expiresAt,
            false,
            null),
        true);
  }

  private boolean merge(SessionDelta delta, boolean touchOnly) {
    SessionKey key = delta.key();
    Map<String, String> set = delta.set();
    String[] removed = delta.removed().toArray(String[]::new);
    Instant lastAccess = delta.lastAccessTime();
    Duration idle = touchOnly ? null : delta.idleTimeout();
    Instant expiresAt = delta.expiresAt();
    boolean principalChanged = delta.principalChanged();
    String principal = delta.principal();
    String attributes = object(set);
    String cookie =
        "{"
            + (idle == null ? "" : "\"originalMaxAge\":" + idle.toMillis() + ",")
            + "\"expires\":\""
            + ExpressSessionJson.expires(expiresAt)
            + "\"}";
    String meta =
        "{\"a\":"
            + lastAccess.toEpochMilli()
            + (principalChanged && principal != null
                ? ",\"p\":" + JSON.writeValueAsString(principal)
                : "")
            + "}";
    String[] metaRemoved =
        principalChanged && principal == null ? new String[] {"p"} : new String[0];
    Instant now = clock.instant();
    return database.call(
        "update session",
        key,
        c -> {
          try (PreparedStatement s = c.prepareStatement(mergeSql)) {
            s.setArray(1, c.createArrayOf("text", replaced(set, removed)));
            s.setString(2, attributes);
            s.setString(3, cookie);
            s.setString(4, meta);
            s.setArray(5, c.createArrayOf("text", metaRemoved));
            s.setDouble(6, seconds(expiresAt));
            s.setString(7, key.value());
            s.setDouble(8, seconds(now));
            s.setLong(9, now.toEpochMilli());
            return database.bound().execute(s, PreparedStatement::executeUpdate) > 0;
          } catch (SQLException e) {
            if (!UNICODE_NUL.equals(e.getSQLState())) {
              throw e;
            }
          }
          // PostgreSQL's JSON functions cannot read a string holding \u0000, which the json
          // column keeps: merge this row in Java instead, under its row lock.
          return Database.inTransaction(
              c,
              Connection.TRANSACTION_READ_COMMITTED,
              tx -> mergeLocked(tx, delta, touchOnly, now));
        });
  }

  private boolean mergeLocked(Connection c, SessionDelta delta, boolean touchOnly, Instant now)
      throws SQLException {
    String current;
    try (PreparedStatement s = c.prepareStatement(lockSql)) {
      s.setString(1, delta.key().value());
      s.setDouble(2, seconds(now));
      current =
          database
              .bound()
              .execute(
                  s,
                  st -> {
                    try (ResultSet rs = st.executeQuery()) {
                      return rs.next() ? rs.getString(1) : null;
                    }
                  });
    }
    if (current == null
        || ExpressSessionJson.decode(delta.key(), current, now)
            .map(r -> r.absoluteDeadline() != null && !now.isBefore(r.absoluteDeadline()))
            .orElse(true)) {
      return false;
    }
    String merged = ExpressSessionJson.merge(current, delta, touchOnly);
    try (PreparedStatement s = c.prepareStatement(rewriteSql)) {
      s.setString(1, merged);
      s.setDouble(2, seconds(delta.expiresAt()));
      s.setString(3, delta.key().value());
      return database.bound().execute(s, PreparedStatement::executeUpdate) > 0;
    }
  }

  /** The members a merge drops from the row before adding the new ones. */
  private static String[] replaced(Map<String, String> set, String[] removed) {
    java.util.List<String> names = new java.util.ArrayList<>(set.keySet());
    names.addAll(java.util.List.of(removed));
    names.addAll(ExpressSessionJson.RESERVED);
    return names.toArray(String[]::new);
  }

  /** A JSON object of attribute values, each written as its own text. */
  private static String object(Map<String, String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, String> e : values.entrySet()) {
        g.writeName(e.getKey());
        g.writeRawValue(e.getValue());
      }
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    return database.call(
        "delete session",
        key,
        c -> {
          try (PreparedStatement s = c.prepareStatement(deleteSql)) {
            s.setString(1, key.value());
            return database.bound().execute(s, PreparedStatement::executeUpdate) > 0;
          }
        });
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    return principals.find(principal, clock.instant());
  }

  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    return principals.deleteAll(principal, clock.instant());
  }

  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(newcomer, "newcomer");
    return principals.admit(principal, newcomer, limit, endOldest, clock.instant());
  }

  @Override
  public void close() {
    database.close();
  }

  @Override
  public String toString() {
    return "JdbcSessionStore[express layout, table=" + table + "]";
  }
}
