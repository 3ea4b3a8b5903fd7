package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract's sequential example tests, one store per test. Public only through {@link
 * SessionStoreContract}.
 */
abstract class ExampleContract {

  static final Duration IDLE = Duration.ofMinutes(30);

  private TestClock clock;
  private SessionStore store;

  ExampleContract() {}

  protected abstract SessionStore newStore(StoreContext context);

  /**
   * Makes the stored form of a record unreadable by the store (invalid JSON, a missing field, the
   * wrong type), writing to the backend directly. Stores whose records cannot be corrupted from
   * outside (they hold objects) leave the default, which skips the test with a message.
   *
   * @param store the store under test
   * @param key the record to corrupt
   */
  protected void corrupt(SessionStore store, SessionKey key) {
    Assumptions.abort(
        "skipped: this store's test does not override corrupt(store, key), so the kit cannot"
            + " check that an unreadable record reads as missing");
  }

  @BeforeEach
  final void openStore() {
    clock = TestClock.start();
    store = newStore(new StoreContext(clock, SessionListener.NONE));
  }

  @AfterEach
  final void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  final SessionStore store() {
    return store;
  }

  final TestClock clock() {
    return clock;
  }

  /** The store's principal capability; a store without it skips the test, saying so. */
  final PrincipalSessions principals() {
    Assumptions.assumeTrue(
        store instanceof PrincipalSessions,
        "skipped: " + store.getClass().getSimpleName() + " does not implement PrincipalSessions");
    return (PrincipalSessions) store;
  }

  /** The keys of a principal's sessions, or none when the store has no principal capability. */
  final Set<SessionKey> keysOf(String principal) {
    if (!(store instanceof PrincipalSessions index)) {
      return Set.of();
    }
    Set<SessionKey> keys = new HashSet<>();
    for (SessionRecord r : index.findByPrincipal(principal)) {
      keys.add(r.key());
    }
    return keys;
  }

  final Instant now() {
    return clock.instant();
  }

  final SessionRecord record(SessionKey key, Map<String, String> attributes) {
    return Records.record(key, now(), IDLE, null, null, attributes);
  }

  final SessionRecord created(String principal, Instant absolute, Map<String, String> attributes) {
    SessionRecord record =
        Records.record(Records.newKey(), now(), IDLE, absolute, principal, attributes);
    store.create(record);
    return record;
  }

  private boolean touchNow(SessionRecord r) {
    return store.touch(
        r.key(), now(), SessionRecord.expiresAt(now(), r.idleTimeout(), r.absoluteDeadline()));
  }

  @Test
  void createThenLoadGivesBackTheSameRecord() {
    SessionRecord record =
        created("alice", now().plus(Duration.ofHours(8)), Map.of("user", "{\"id\":7}", "n", "3"));
    assertThat(store.load(record.key())).contains(record);
  }

  @Test
  void loadOfAnUnknownKeyIsEmpty() {
    assertThat(store.load(Records.newKey())).isEmpty();
  }

  @Test
  void createReplacesARecordUnderTheSameKey() {
    SessionRecord first = created("alice", null, Map.of("a", "1", "b", "2"));
    SessionRecord second = Records.record(first.key(), now(), IDLE, null, null, Map.of("c", "3"));
    store.create(second);
    assertThat(store.load(first.key())).contains(second);
    assertThat(keysOf("alice")).doesNotContain(first.key());
  }

  @Test
  void applySetsOverwritesAndRemovesAttributes() {
    SessionRecord record = created(null, null, Map.of("a", "1", "b", "2", "c", "3"));
    clock.advance(Duration.ofMinutes(1));
    var delta = Records.delta(record, now(), Map.of("a", "10", "d", "\"new\""), Set.of("b", "x"));
    assertThat(store.apply(delta)).isTrue();
    SessionRecord loaded = store.load(record.key()).orElseThrow();
    assertThat(loaded.attributes()).isEqualTo(Map.of("a", "10", "c", "3", "d", "\"new\""));
    assertThat(loaded.lastAccessTime()).isEqualTo(now());
    assertThat(loaded.creationTime()).isEqualTo(record.creationTime());
    assertThat(loaded).isEqualTo(record.apply(delta));
  }

  @Test
  void applyWritesThePrincipalOnlyWhenItChanges() {
    SessionRecord record = created("alice", null, Map.of());
    assertThat(store.apply(Records.delta(record, now(), Map.of("a", "1"), Set.of()))).isTrue();
    assertThat(store.load(record.key()).orElseThrow().principal()).isEqualTo("alice");
    assertThat(store.apply(Records.principalDelta(record, now(), "bob"))).isTrue();
    assertThat(store.load(record.key()).orElseThrow().principal()).isEqualTo("bob");
    assertThat(keysOf("alice")).doesNotContain(record.key());
    if (store instanceof PrincipalSessions) {
      assertThat(keysOf("bob")).contains(record.key());
    }
    assertThat(store.apply(Records.principalDelta(record, now(), null))).isTrue();
    assertThat(store.load(record.key()).orElseThrow().principal()).isNull();
    assertThat(keysOf("bob")).doesNotContain(record.key());
  }

  @Test
  void applyCanChangeTheIdleTimeout() {
    SessionRecord record = created(null, null, Map.of());
    Duration shorter = Duration.ofMinutes(5);
    var delta =
        new dev.sessionkit.spi.SessionDelta(
            record.key(), Map.of(), Set.of(), now(), shorter, now().plus(shorter), false, null);
    assertThat(store.apply(delta)).isTrue();
    assertThat(store.load(record.key()).orElseThrow().idleTimeout()).isEqualTo(shorter);
    clock.advance(shorter);
    assertThat(store.load(record.key())).isEmpty();
  }

  @Test
  void deleteRemovesTheRecordAndSaysSo() {
    SessionRecord record = created(null, null, Map.of("a", "1"));
    assertThat(store.delete(record.key())).isTrue();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(store.delete(record.key())).isFalse();
    assertThat(store.delete(Records.newKey())).isFalse();
  }

  @Test
  void touchMovesTheIdleExpiry() {
    SessionRecord record = created(null, null, Map.of("a", "1"));
    clock.advance(Duration.ofMinutes(20));
    assertThat(touchNow(record)).isTrue();
    Instant touchedAt = now();
    clock.advance(Duration.ofMinutes(20));
    SessionRecord loaded = store.load(record.key()).orElseThrow();
    assertThat(loaded.lastAccessTime()).isEqualTo(touchedAt);
    assertThat(loaded.attributes()).isEqualTo(record.attributes());
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.load(record.key())).isEmpty();
  }

  @Test
  void idleExpiryIsExactToTheMillisecond() {
    SessionRecord record = created(null, null, Map.of("a", "1"));
    clock.advance(IDLE.minusMillis(1));
    assertThat(store.load(record.key())).contains(record);
    clock.advance(Duration.ofMillis(1));
    assertThat(store.load(record.key())).isEmpty();
  }

  @Test
  void absoluteDeadlineEndsASessionThatIsStillInUse() {
    Instant deadline = now().plus(Duration.ofMinutes(50));
    SessionRecord record = created(null, deadline, Map.of("a", "1"));
    clock.advance(Duration.ofMinutes(20));
    assertThat(touchNow(record)).isTrue();
    clock.advance(Duration.ofMinutes(20));
    assertThat(store.apply(Records.delta(record, now(), Map.of("b", "2"), Set.of()))).isTrue();
    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(store.load(record.key())).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.load(record.key())).isEmpty();
    assertThat(touchNow(record)).isFalse();
  }

  @Test
  void applyAndTouchDoNotResurrectADeletedSession() {
    SessionRecord record = created("alice", null, Map.of("a", "1"));
    assertThat(store.delete(record.key())).isTrue();
    assertThat(store.apply(Records.delta(record, now(), Map.of("a", "2"), Set.of()))).isFalse();
    assertThat(touchNow(record)).isFalse();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(keysOf("alice")).doesNotContain(record.key());
  }

  @Test
  void applyAndTouchDoNotResurrectAnExpiredSession() {
    SessionRecord record = created("alice", null, Map.of("a", "1"));
    clock.advance(IDLE);
    assertThat(store.apply(Records.delta(record, now(), Map.of("a", "2"), Set.of()))).isFalse();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(touchNow(record)).isFalse();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(keysOf("alice")).doesNotContain(record.key());
  }

  @Test
  void findByPrincipalListsOnlyThatPrincipalsLiveSessions() {
    SessionRecord a1 = created("alice", null, Map.of());
    SessionRecord a2 = created("alice", null, Map.of());
    SessionRecord shortLived = created("alice", now().plus(Duration.ofMinutes(1)), Map.of());
    SessionRecord deleted = created("alice", null, Map.of());
    created("bob", null, Map.of());
    created(null, null, Map.of());
    store.delete(deleted.key());
    principals();
    assertThat(keysOf("alice")).containsExactlyInAnyOrder(a1.key(), a2.key(), shortLived.key());
    assertThat(principals().findByPrincipal("alice")).contains(a1, a2, shortLived);
    clock.advance(Duration.ofMinutes(1));
    assertThat(keysOf("alice")).containsExactlyInAnyOrder(a1.key(), a2.key());
    assertThat(keysOf("carol")).isEmpty();
  }

  @Test
  void deleteByPrincipalLogsOutEverywhereAndNowhereElse() {
    SessionRecord a1 = created("alice", null, Map.of());
    SessionRecord a2 = created("alice", null, Map.of());
    SessionRecord bob = created("bob", null, Map.of());
    SessionRecord anonymous = created(null, null, Map.of());
    assertThat(principals().deleteByPrincipal("alice"))
        .containsExactlyInAnyOrder(a1.key(), a2.key());
    assertThat(store.load(a1.key())).isEmpty();
    assertThat(store.load(a2.key())).isEmpty();
    assertThat(store.load(bob.key())).contains(bob);
    assertThat(store.load(anonymous.key())).contains(anonymous);
    assertThat(keysOf("alice")).isEmpty();
    assertThat(principals().deleteByPrincipal("alice")).isEmpty();
  }

  @Test
  void anUnreadableRecordIsMissingAndIsNotResurrected() {
    SessionRecord record = created("alice", null, Map.of("user", "\"alice\""));
    corrupt(store, record.key());
    assertThat(store.load(record.key())).isEmpty();
    assertThat(store.apply(Records.delta(record, now(), Map.of("a", "1"), Set.of()))).isFalse();
    assertThat(touchNow(record)).isFalse();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(keysOf("alice")).doesNotContain(record.key());
  }

  @Test
  void unusualAttributesAreKeptByteForByte() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("ключ", Records.json("значение"));
    attributes.put("名前", Records.json("山田 太郎"));
    attributes.put("🔑 key with spaces", Records.json("🔐 emoji outside the BMP"));
    attributes.put("", Records.json(""));
    attributes.put("empty", "\"\"");
    attributes.put("quotes'\"\\", Records.json("it's \"quoted\" \\ and\ttabbed\nand a \u0000"));
    attributes.put("nested", "{\"a\":[1,2.5e-3,{\"b\":null,\"c\":[[]],\"d\":{}}],\"e\":true}");
    attributes.put("spaced", " { \"kept\" : [ 1 , 2 ] } ");
    attributes.put("big", Records.json(bigText(100 * 1024)));
    SessionRecord record = created("ünïcødé 用户", null, attributes);
    assertThat(store.load(record.key())).contains(record);
    if (store instanceof PrincipalSessions) {
      assertThat(keysOf("ünïcødé 用户")).containsExactly(record.key());
    }

    String bigger = Records.json(bigText(100 * 1024) + "∑");
    var delta = Records.delta(record, now(), Map.of("big", bigger, "más", "\"ñ\""), Set.of(""));
    assertThat(store.apply(delta)).isTrue();
    assertThat(store.load(record.key())).contains(record.apply(delta));
  }

  /** Text of the given length in chars, mixing one-, two-, three- and four-byte UTF-8. */
  private static String bigText(int chars) {
    String pattern = "abcdefghij-é-€-😀-";
    StringBuilder out = new StringBuilder(chars + pattern.length());
    while (out.length() < chars) {
      out.append(pattern);
    }
    return out.toString();
  }
}
