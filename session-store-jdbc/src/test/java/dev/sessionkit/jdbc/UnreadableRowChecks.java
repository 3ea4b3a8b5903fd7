package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows the store cannot read back, written straight into the table, read as missing sessions: every
 * kind of broken attributes the database's column accepts, a timeout that is not positive, a key
 * that is not one the engine makes. None is handed out, none breaks a query, and a load deletes
 * them.
 */
abstract class UnreadableRowChecks {

  private static final Duration IDLE = Duration.ofMinutes(30);

  /** Valid JSON, so every database's column takes it, but not attributes as the store writes. */
  private static final List<String> UNREADABLE_JSON =
      List.of(
          "[]",
          "[\"user\", \"\\\"alice\\\"\"]",
          "null",
          "\"user\"",
          "7",
          "{\"user\": 7}",
          "{\"user\": {\"id\": 7}}",
          "{\"user\": null}",
          "{\"user\": true}",
          "{\"user\": \"alice\"}",
          "{\"user\": \"\"}",
          "{\"user\": \"   \"}",
          "{\"user\": \"\\\"a\\\" \\\"b\\\"\"}",
          "{\"user\": \"{\\\"id\\\":\"}",
          "{\"user\": \"[1,]\"}",
          "{\"ok\": \"1\", \"user\": [1]}");

  private final TestClock clock = TestClock.start();
  private JdbcSessionStore store;

  abstract TestDatabase database();

  /** Broken attributes only a text column holds; none where the column checks its JSON. */
  List<String> unreadableText() {
    return List.of();
  }

  @BeforeEach
  void openStore() {
    store = database().newStore(TestDatabase.context(clock));
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private SessionRecord created(String principal, Map<String, String> attributes) {
    SessionRecord record =
        new SessionRecord(
            Keys.newKey(), clock.instant(), clock.instant(), IDLE, null, principal, attributes);
    store.create(record);
    return record;
  }

  @Test
  void everyKindOfBrokenAttributesReadsAsMissingAndIsDeleted() {
    List<String> broken = new ArrayList<>(UNREADABLE_JSON);
    broken.addAll(unreadableText());
    for (String attributes : broken) {
      SessionRecord record = created("alice", Map.of("user", "\"alice\""));
      database().writeAttributes(record.key(), attributes);
      assertThat(store.findByPrincipal("alice")).as(attributes).doesNotContain(record);
      assertThat(store.load(record.key())).as(attributes).isEmpty();
      assertThat(database().rows(record.key())).as("rows left after %s", attributes).isZero();
    }
  }

  @Test
  void attributesWrittenByHandInTheStoresFormatAreRead() {
    SessionRecord record = created(null, Map.of());
    database().writeAttributes(record.key(), " { \"a\" : \" [ 1 , {} ] \" , \"b\":\"null\" } ");
    assertThat(store.load(record.key()).orElseThrow().attributes())
        .isEqualTo(Map.of("a", " [ 1 , {} ] ", "b", "null"));
  }

  @Test
  void anIdleTimeoutThatIsNotPositiveReadsAsMissing() {
    for (String idle : List.of("0", "-1000000")) {
      SessionRecord record = created(null, Map.of("a", "1"));
      // A key is hex digits only, so it can be written into the statement.
      database()
          .execute(
              "UPDATE "
                  + database().table()
                  + " SET idle_timeout_us = "
                  + idle
                  + " WHERE session_key = '"
                  + record.key().value()
                  + "'");
      assertThat(store.load(record.key())).as(idle).isEmpty();
      assertThat(database().rows(record.key())).isZero();
    }
  }

  @Test
  void aRowWithAMalformedKeyIsNeverHandedOutButIsDeletedWithItsPrincipal() throws SQLException {
    SessionRecord good = created("alice", Map.of("a", "1"));
    String malformed = "A".repeat(64);
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + database().table()
                    + " ("
                    + SessionRows.COLUMNS
                    + ") VALUES (?, 0, 0, 1000000, NULL, ?, 'alice', '{}', 0)")) {
      insert.setString(1, malformed);
      insert.setLong(2, Micros.of(clock.instant().plus(IDLE)));
      insert.executeUpdate();
    }
    assertThat(store.findByPrincipal("alice")).containsExactly(good);
    assertThat(store.deleteByPrincipal("alice")).containsExactly(good.key());
    assertThat(store.findByPrincipal("alice")).isEmpty();
    assertThat(rowsUnder(malformed)).isZero();
  }

  private int rowsUnder(String storedKey) {
    // TestDatabase.rows takes a SessionKey, which cannot hold a malformed key.
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM " + database().table() + " WHERE session_key = ?")) {
      select.setString(1, storedKey);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
