package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.TestClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * connect-pg-simple's table on PostgreSQL, against rows as Node writes them (with
 * connect-pg-simple's own statements): Node's members are kept through a merge, {@code expire}
 * decides the end (connect-pg-simple's touch moves only it), and a deleted session stays deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresExpressLayoutIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NODE_VALUES =
      "\"user\":\"frodo\",\"views\":2,\"empty\":[],\"obj\":{},\"big\":12345678901234567890,"
          + "\"pi\":0.30000000000000004";

  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final String table = "express_" + UUID.randomUUID().toString().replace("-", "");
  private TestDatabase database;
  private SessionStore store;

  @BeforeAll
  void open() {
    database = TestDatabase.postgres();
    store =
        JdbcSessionStore.builder()
            .dataSource(database.dataSource())
            .tableName(table)
            .createTable(true)
            .expressLayout()
            .create(TestDatabase.context(clock));
  }

  @AfterAll
  void close() {
    store.close();
    database.execute("DROP TABLE IF EXISTS " + table);
  }

  /** A session as connect-pg-simple's set writes it, under an id Node minted. */
  private SessionKey nodeSession(Duration maxAge) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = clock.instant().plus(maxAge);
    String sess =
        "{\"cookie\":{\"originalMaxAge\":"
            + maxAge.toMillis()
            + ",\"expires\":\""
            + ExpressSessionJson.expires(expires)
            + "\",\"httpOnly\":true,\"path\":\"/\",\"sameSite\":\"lax\"},"
            + NODE_VALUES
            + "}";
    run(
        "INSERT INTO "
            + table
            + " (sess, expire, sid) SELECT ?::json, to_timestamp(?), ? ON CONFLICT (sid) DO"
            + " UPDATE SET sess = ?::json, expire = to_timestamp(?)",
        sess,
        expires.getEpochSecond(),
        id,
        sess,
        expires.getEpochSecond());
    return new SessionKey(id);
  }

  private int run(String sql, Object... params) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private JsonNode sess(SessionKey key) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT sess FROM " + table + " WHERE sid = ?")) {
      s.setString(1, key.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? JSON.readTree(rs.getString(1)) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDeltaKeepsWhatNodeWroteAndMovesExpire() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    SessionRecord loaded = store.load(key).orElseThrow();
    assertThat(loaded.attributes())
        .containsEntry("user", "\"frodo\"")
        .containsEntry("big", "12345678901234567890")
        .containsEntry("empty", "[]");

    clock.advance(Duration.ofMinutes(5));
    Instant expires = clock.instant().plus(Duration.ofMinutes(30));
    SessionDelta delta =
        new SessionDelta(
            key,
            Map.of("cart", "[1,2]", "views", "3"),
            Set.of("obj"),
            clock.instant(),
            Duration.ofMinutes(30),
            expires,
            true,
            "frodo");
    assertThat(store.apply(delta)).isTrue();

    JsonNode sess = sess(key);
    assertThat(sess.get("user").asString()).isEqualTo("frodo");
    assertThat(sess.get("empty").isArray()).isTrue();
    assertThat(sess.get("obj")).isNull();
    assertThat(sess.get("big").bigIntegerValue()).hasToString("12345678901234567890");
    assertThat(sess.get("pi").toString()).isEqualTo("0.30000000000000004");
    assertThat(sess.get("views").asInt()).isEqualTo(3);
    assertThat(sess.get("cookie").get("sameSite").asString()).isEqualTo("lax");
    assertThat(sess.get("cookie").get("expires").asString())
        .isEqualTo(ExpressSessionJson.expires(expires));
    assertThat(sess.get("cookie").get("originalMaxAge").asLong()).isEqualTo(1_800_000);
    SessionRecord after = store.load(key).orElseThrow();
    assertThat(after.principal()).isEqualTo("frodo");
    assertThat(after.expiresAt()).isEqualTo(expires);
    assertThat(after.attributes())
        .containsEntry("cart", "[1,2]")
        .containsEntry("big", "12345678901234567890")
        .containsEntry("pi", "0.30000000000000004");
  }

  @Test
  void expireDecidesTheEndAsConnectPgSimplesTouchMovesOnlyIt() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    Instant later = clock.instant().plus(Duration.ofHours(3));
    run(
        "UPDATE " + table + " SET expire = to_timestamp(?) WHERE sid = ?",
        later.getEpochSecond(),
        key.value());
    clock.advance(Duration.ofHours(2));
    assertThat(store.load(key)).isPresent();
    assertThat(store.load(key).orElseThrow().expiresAt()).isEqualTo(later);
    clock.advance(Duration.ofHours(1));
    assertThat(store.load(key)).isEmpty();
    assertThat(store.touch(key, clock.instant(), clock.instant().plusSeconds(60))).isFalse();
  }

  @Test
  void aDeletedSessionIsNeverWrittenAgain() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    assertThat(store.touch(key, clock.instant(), expires)).isTrue();
    run("DELETE FROM " + table + " WHERE sid = ?", key.value()); // logout on the Node side
    SessionDelta late =
        new SessionDelta(
            key,
            Map.of("x", "1"),
            Set.of(),
            clock.instant(),
            Duration.ofHours(1),
            expires,
            false,
            null);
    assertThat(store.apply(late)).isFalse();
    assertThat(sess(key)).isNull();
  }

  @Test
  void aSessionJavaCreatedReadsBackAndDeletes() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    SessionKey key = new SessionKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    Instant now = clock.instant();
    SessionRecord record =
        new SessionRecord(
            key,
            now,
            now,
            Duration.ofMinutes(30),
            now.plus(Duration.ofHours(12)),
            "sam",
            Map.of("user", "\"sam\""));
    store.create(record);
    assertThat(store.load(key)).contains(record);
    assertThat(sess(key).get("cookie").get("expires").asString())
        .isEqualTo(ExpressSessionJson.expires(record.expiresAt()));
    assertThat(store.delete(key)).isTrue();
    assertThat(store.load(key)).isEmpty();
  }

  @Test
  void otherDatabasesAreRefusedWithTheReason() {
    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                JdbcSessionStore.builder()
                    .dataSource(TestDatabase.h2().dataSource())
                    .expressLayout()
                    .create(TestDatabase.context(clock)))
        .withMessageContaining("needs PostgreSQL");
  }

  @Test
  void aNodeLoginIsListedOnceItsPrincipalIsWrittenWhateverElseTheTableHolds() {
    PrincipalSessions principals = (PrincipalSessions) store;
    String user = "pippin-" + UUID.randomUUID();
    SessionKey key = nodeSession(Duration.ofHours(1));
    assertThat(principals.findByPrincipal(user)).as("not yet seen by this side").isEmpty();
    SessionRecord loaded = store.load(key).orElseThrow();
    assertThat(
            store.apply(
                new SessionDelta(
                    key,
                    Map.of(),
                    Set.of(),
                    clock.instant(),
                    loaded.idleTimeout(),
                    loaded.expiresAt(),
                    true,
                    user)))
        .isTrue();
    // Node saves the whole record again; here respaced, as jsonb writes it
    run("UPDATE " + table + " SET sess = sess::jsonb::text::json WHERE sid = ?", key.value());
    assertThat(sess(key).path("sessionkit").path("p").asString()).isEqualTo(user);
    assertThat(principals.findByPrincipal(user))
        .extracting(SessionRecord::key)
        .containsExactly(key);
    // a \u0000, which PostgreSQL's JSON operators refuse, in another row and in this one
    SessionKey other = nodeSession(Duration.ofHours(1));
    run(
        "UPDATE " + table + " SET sess = ?::json WHERE sid = ?",
        "{\"n\":\"a\\u0000b\"}",
        other.value());
    run(
        "UPDATE "
            + table
            + " SET sess = (left(sess::text, -1) || ',\"z\":\"\\u0000\"}')::json WHERE sid = ?",
        key.value());
    assertThat(principals.findByPrincipal(user))
        .extracting(SessionRecord::key)
        .containsExactly(key);
    assertThat(principals.deleteByPrincipal(user)).containsExactly(key);
    assertThat(store.load(key)).isEmpty();
    assertThat(principals.findByPrincipal(user)).isEmpty();
  }
}
