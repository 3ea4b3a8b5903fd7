package dev.sessionkit.jdbc;

import dev.sessionkit.spi.ExpressSessionJson;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 */
final class ExpressJdbcStore implements SessionStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Database database;
  private final String table;
  private final Clock clock;
  private final String loadSql;
  private final String upsertSql;
  private final String mergeSql;
  private final String deleteSql;

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
    // One statement for a delta and a touch: drop the removed members, add the set ones, patch
    // cookie and sessionkit, move expire; only on a live row (expire, then absolute deadline).
    this.mergeSql =
        "UPDATE "
            + table
            + " SET sess = (((sess::jsonb - ?::text[]) || ?::jsonb) || jsonb_build_object("
            + "'cookie', coalesce(sess::jsonb -> 'cookie', '{}'::jsonb) || ?::jsonb,"
            + " 'sessionkit', (coalesce(sess::jsonb -> 'sessionkit', '{}'::jsonb) || ?::jsonb)"
            + " - ?::text[]))::json, expire = to_timestamp(?)"
            + " WHERE sid = ? AND expire > to_timestamp(?) AND json_typeof(sess) = 'object'"
            + " AND coalesce(CASE WHEN (sess -> 'sessionkit' ->> 'd') ~ '^[0-9]{1,18}$'"
            + " THEN (sess -> 'sessionkit' ->> 'd')::bigint END, 9223372036854775807) > ?";
    this.deleteSql = "DELETE FROM " + table + " WHERE sid = ?";
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
        "CREATE INDEX IF NOT EXISTS \"" + index + "\" ON " + table + " (expire)");
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
    return merge(
        delta.key(),
        delta.set(),
        delta.removed().toArray(String[]::new),
        delta.lastAccessTime(),
        delta.idleTimeout(),
        delta.expiresAt(),
        delta.principalChanged(),
        delta.principal());
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    return merge(key, Map.of(), new String[0], lastAccessTime, null, expiresAt, false, null);
  }

  private boolean merge(
      SessionKey key,
      Map<String, String> set,
      String[] removed,
      Instant lastAccess,
      Duration idle,
      Instant expiresAt,
      boolean principalChanged,
      String principal) {
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
            s.setArray(1, c.createArrayOf("text", removed));
            s.setString(2, attributes);
            s.setString(3, cookie);
            s.setString(4, meta);
            s.setArray(5, c.createArrayOf("text", metaRemoved));
            s.setDouble(6, seconds(expiresAt));
            s.setString(7, key.value());
            s.setDouble(8, seconds(now));
            s.setLong(9, now.toEpochMilli());
            return database.bound().execute(s, PreparedStatement::executeUpdate) > 0;
          }
        });
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
  public void close() {
    database.close();
  }

  @Override
  public String toString() {
    return "JdbcSessionStore[express layout, table=" + table + "]";
  }
}
