package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one stateful run: the store under test, the model it must agree with, the clock both
 * read, and every key created so far (deleted and expired ones stay, so that later actions try to
 * bring them back). Each action runs against both and asserts that they agree.
 */
final class StoreUnderTest {

  private final TestClock clock;
  private final SessionStore store;
  private final StoreModel model = new StoreModel();
  private final List<SessionKey> keys = new ArrayList<>();

  StoreUnderTest(TestClock clock, SessionStore store) {
    this.clock = clock;
    this.store = store;
  }

  boolean hasKeys() {
    return !keys.isEmpty();
  }

  int keyCount() {
    return keys.size();
  }

  void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "StoreUnderTest[clock=" + clock.instant() + ", sessions=" + keys.size() + "]";
  }

  /** Resolves a generated index; shrinking may drop earlier creates, so it wraps around. */
  private SessionKey key(int index) {
    return keys.get(Math.floorMod(index, keys.size()));
  }

  private String name(SessionKey key) {
    return "session#" + keys.indexOf(key);
  }

  void create(
      Map<String, String> attributes,
      String principal,
      Duration idleTimeout,
      Duration absoluteAfter) {
    Instant now = clock.instant();
    Instant absolute = absoluteAfter == null ? null : now.plus(absoluteAfter);
    SessionRecord record =
        Records.record(Records.newKey(), now, idleTimeout, absolute, principal, attributes);
    keys.add(record.key());
    store.create(record);
    model.create(record);
  }

  void apply(
      int index,
      Map<String, String> set,
      Set<String> removed,
      PrincipalChange principal,
      Duration newIdleTimeout) {
    SessionKey key = key(index);
    Instant now = clock.instant();
    Optional<SessionRecord> current = model.live(key, now);
    Duration idle =
        newIdleTimeout != null
            ? newIdleTimeout
            : current.map(SessionRecord::idleTimeout).orElse(Duration.ofMinutes(30));
    Instant absolute = current.map(SessionRecord::absoluteDeadline).orElse(null);
    SessionDelta delta =
        new SessionDelta(
            key,
            set,
            removed,
            now,
            idle,
            SessionRecord.expiresAt(now, idle, absolute),
            principal != PrincipalChange.KEEP,
            principal.principal());
    boolean expected = model.apply(delta, now);
    assertThat(store.apply(delta)).as("apply to %s", name(key)).isEqualTo(expected);
  }

  void touch(int index) {
    SessionKey key = key(index);
    Instant now = clock.instant();
    Instant expiresAt =
        model
            .live(key, now)
            .map(r -> SessionRecord.expiresAt(now, r.idleTimeout(), r.absoluteDeadline()))
            .orElse(now.plus(Duration.ofMinutes(30)));
    boolean expected = model.touch(key, now, now);
    assertThat(store.touch(key, now, expiresAt)).as("touch of %s", name(key)).isEqualTo(expected);
  }

  void delete(int index) {
    SessionKey key = key(index);
    StoreModel.Deletion expected = model.delete(key, clock.instant());
    boolean deleted = store.delete(key);
    if (expected != StoreModel.Deletion.EXPIRED) {
      assertThat(deleted)
          .as("delete of %s", name(key))
          .isEqualTo(expected == StoreModel.Deletion.LIVE);
    }
  }

  /** Regenerates as the engine does: the record moves to a new key, then the old one goes. */
  void regenerate(int index) {
    SessionKey old = key(index);
    Instant now = clock.instant();
    Optional<SessionRecord> current = model.live(old, now);
    if (current.isEmpty()) {
      load(index);
      return;
    }
    SessionRecord r = current.get();
    SessionRecord moved =
        new SessionRecord(
            Records.newKey(),
            r.creationTime(),
            now,
            r.idleTimeout(),
            r.absoluteDeadline(),
            r.principal(),
            r.attributes());
    keys.add(moved.key());
    store.create(moved);
    model.create(moved);
    assertThat(store.delete(old)).as("delete of regenerated %s", name(old)).isTrue();
    model.delete(old, now);
  }

  /**
   * Renews as the engine does, with a delta that sets one attribute: the store must move a live
   * record of the key's own (and only then) and forward the old key for the grace. The new key is
   * kept either way, so that later actions and the final check see what the store wrote under it.
   */
  void renew(int index, Duration grace) {
    SessionKey old = key(index);
    Instant now = clock.instant();
    Optional<SessionRecord> current = model.liveOwn(old, now);
    Duration idle = current.map(SessionRecord::idleTimeout).orElse(Duration.ofMinutes(30));
    Instant absolute = current.map(SessionRecord::absoluteDeadline).orElse(null);
    SessionKey newKey = Records.newKey();
    keys.add(newKey);
    SessionDelta delta =
        new SessionDelta(
            newKey,
            Map.of("renewed", "true"),
            Set.of(),
            now,
            idle,
            SessionRecord.expiresAt(now, idle, absolute),
            false,
            null);
    boolean expected = model.renew(old, delta, now.plus(grace), now);
    assertThat(((SessionRenewal) store).renew(old, delta, now.plus(grace)))
        .as("renew of %s, grace %s", name(old), grace)
        .isEqualTo(expected);
  }

  /** Whether the store can renew; the renew action runs only then. */
  boolean canRenew() {
    return store instanceof SessionRenewal;
  }

  void advance(Duration amount) {
    clock.advance(amount);
  }

  /** Moves the clock to a live session's expiry, or just short of it, where off-by-ones live. */
  void advanceToExpiry(int index, Duration shortBy) {
    Instant now = clock.instant();
    Duration until =
        model
            .live(key(index), now)
            .map(r -> Duration.between(now, r.expiresAt()).minus(shortBy))
            .filter(d -> !d.isNegative())
            .orElse(Duration.ofMillis(1));
    clock.advance(until);
  }

  void load(int index) {
    SessionKey key = key(index);
    assertThat(store.load(key))
        .as("load of %s at %s", name(key), clock.instant())
        .isEqualTo(model.live(key, clock.instant()));
  }

  void findByPrincipal(String principal) {
    if (!(store instanceof PrincipalSessions index)) {
      return;
    }
    assertThat(index.findByPrincipal(principal))
        .extracting(SessionRecord::key)
        .as("sessions of %s", principal)
        .containsExactlyInAnyOrderElementsOf(model.findByPrincipal(principal, clock.instant()));
  }

  void deleteByPrincipal(String principal) {
    if (!(store instanceof PrincipalSessions index)) {
      return;
    }
    int live = model.findByPrincipal(principal, clock.instant()).size();
    int most = model.countIncludingExpired(principal);
    model.deleteByPrincipal(principal);
    assertThat(index.deleteByPrincipal(principal).size())
        .as("count of deleted sessions of %s", principal)
        .isBetween(live, most);
    assertThat(index.findByPrincipal(principal)).as("sessions of %s after", principal).isEmpty();
  }

  /** Loads every key ever created and compares each with the model. */
  void checkEveryKey() {
    for (int i = 0; i < keys.size(); i++) {
      load(i);
    }
  }

  /** How a delta treats the principal. */
  enum PrincipalChange {
    KEEP(null),
    LOG_OUT(null),
    ALICE("alice"),
    BOB("bob");

    private final String principal;

    PrincipalChange(String principal) {
      this.principal = principal;
    }

    String principal() {
      return principal;
    }
  }
}
