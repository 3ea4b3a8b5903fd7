package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract's tests of {@link SessionRenewal}: a session moves to a new key with the request's
 * changes, its old key forwards every call to it for the grace window and is unknown after, and a
 * forward never brings back a session that ended. A store without the capability skips them with a
 * message that names it. Public only through {@link SessionStoreContract}.
 */
abstract class RenewalContract extends CapabilityContract {

  static final Duration GRACE = Duration.ofSeconds(30);

  RenewalContract() {}

  final SessionRenewal renewal() {
    Assumptions.assumeTrue(
        store() instanceof SessionRenewal,
        "skipped: " + store().getClass().getSimpleName() + " does not implement SessionRenewal");
    return (SessionRenewal) store();
  }

  /** A delta for {@code current} under {@code newKey}, setting {@code set}. */
  private SessionDelta moveTo(SessionKey newKey, SessionRecord current, Map<String, String> set) {
    return Records.delta(current, now(), set, Set.of()).withKey(newKey);
  }

  private SessionRecord renewed(SessionRecord current, Map<String, String> set) {
    SessionKey newKey = Records.newKey();
    assertThat(renewal().renew(current.key(), moveTo(newKey, current, set), now().plus(GRACE)))
        .isTrue();
    return store().load(newKey).orElseThrow();
  }

  @Test
  void renewMovesTheSessionWithTheDeltaAndTheOldKeyForwardsForTheGrace() {
    SessionRecord old = created("alice", now().plus(Duration.ofHours(12)), Map.of("a", "1"));
    clock().advance(Duration.ofSeconds(5));
    SessionRecord moved = renewed(old, Map.of("b", "2"));

    assertThat(moved.attributes()).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(moved.creationTime()).isEqualTo(old.creationTime());
    assertThat(moved.absoluteDeadline()).isEqualTo(old.absoluteDeadline());
    assertThat(moved.lastAccessTime()).isEqualTo(now());
    assertThat(moved.principal()).isEqualTo("alice");
    assertThat(store().load(old.key())).contains(moved);

    clock().advance(GRACE.minusMillis(1));
    assertThat(store().load(old.key())).map(SessionRecord::key).contains(moved.key());
    clock().advance(Duration.ofMillis(1));
    assertThat(store().load(old.key())).isEmpty();
    assertThat(store().load(moved.key())).isPresent();
  }

  @Test
  void writesThroughTheOldKeyLandOnTheRenewedSession() {
    SessionRecord old = created("alice", null, Map.of("a", "1"));
    SessionRecord moved = renewed(old, Map.of());
    clock().advance(Duration.ofSeconds(10));

    assertThat(store().apply(Records.delta(old, now(), Map.of("c", "3"), Set.of("a")))).isTrue();
    assertThat(store().load(moved.key()).orElseThrow().attributes()).isEqualTo(Map.of("c", "3"));
    clock().advance(Duration.ofSeconds(10));
    assertThat(store().touch(old.key(), now(), now().plus(IDLE))).isTrue();
    assertThat(store().load(moved.key()).orElseThrow().lastAccessTime()).isEqualTo(now());

    clock().advance(GRACE);
    assertThat(store().apply(Records.delta(old, now(), Map.of("d", "4"), Set.of()))).isFalse();
    assertThat(store().touch(old.key(), now(), now().plus(IDLE))).isFalse();
    assertThat(store().load(moved.key()).orElseThrow().attributes()).isEqualTo(Map.of("c", "3"));
  }

  @Test
  void deleteThroughTheOldKeyEndsTheRenewedSession() {
    SessionRecord old = created("alice", null, Map.of("a", "1"));
    SessionRecord moved = renewed(old, Map.of());

    assertThat(store().delete(old.key())).isTrue();
    assertThat(store().load(moved.key())).isEmpty();
    assertThat(store().load(old.key())).isEmpty();
    assertThat(store().apply(Records.delta(old, now(), Map.of("x", "1"), Set.of()))).isFalse();
    assertThat(store().load(moved.key())).isEmpty();
  }

  @Test
  void aForwardNeverBringsBackASessionThatEnded() {
    SessionRecord old = created("alice", null, Map.of("a", "1"));
    SessionRecord moved = renewed(old, Map.of());
    assertThat(store().delete(moved.key())).isTrue();

    assertThat(store().load(old.key())).isEmpty();
    assertThat(store().apply(Records.delta(old, now(), Map.of("x", "1"), Set.of()))).isFalse();
    assertThat(store().touch(old.key(), now(), now().plus(IDLE))).isFalse();
    assertThat(store().load(moved.key())).isEmpty();

    SessionRecord expiring = created(null, now().plus(Duration.ofMinutes(1)), Map.of());
    SessionRecord renewedExpiring = renewed(expiring, Map.of());
    clock().advance(Duration.ofMinutes(1));
    assertThat(store().load(expiring.key())).isEmpty();
    assertThat(store().touch(expiring.key(), now(), now().plus(IDLE))).isFalse();
    assertThat(store().load(renewedExpiring.key())).isEmpty();
  }

  @Test
  void renewOfAMissingExpiredOrAlreadyRenewedKeyWritesNothing() {
    SessionRenewal renewal = renewal();
    SessionRecord ghost = record(Records.newKey(), Map.of());
    SessionKey target = Records.newKey();
    assertThat(renewal.renew(ghost.key(), moveTo(target, ghost, Map.of()), now().plus(GRACE)))
        .isFalse();
    assertThat(store().load(target)).isEmpty();

    SessionRecord old = created(null, null, Map.of());
    renewed(old, Map.of());
    SessionKey second = Records.newKey();
    assertThat(renewal.renew(old.key(), moveTo(second, old, Map.of()), now().plus(GRACE)))
        .isFalse();
    assertThat(store().load(second)).isEmpty();

    SessionRecord expired = created(null, now().plus(Duration.ofSeconds(1)), Map.of());
    clock().advance(Duration.ofSeconds(1));
    SessionKey third = Records.newKey();
    assertThat(renewal.renew(expired.key(), moveTo(third, expired, Map.of()), now().plus(GRACE)))
        .isFalse();
    assertThat(store().load(third)).isEmpty();
  }

  @Test
  void renewWithoutGraceEndsTheOldKeyAtOnce() {
    SessionRecord old = created(null, null, Map.of("a", "1"));
    SessionKey newKey = Records.newKey();
    assertThat(renewal().renew(old.key(), moveTo(newKey, old, Map.of()), now())).isTrue();
    assertThat(store().load(old.key())).isEmpty();
    assertThat(store().load(newKey).orElseThrow().attributes()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aForwardIsNeitherListedNorCounted() {
    renewal();
    SessionRecord old = created("alice", null, Map.of());
    SessionRecord moved = renewed(old, Map.of());
    if (store() instanceof PrincipalSessions) {
      assertThat(keysOf("alice")).containsExactly(moved.key());
    }
    if (store() instanceof SessionInventory inventory) {
      assertThat(inventory.count()).isEqualTo(1);
      assertThat(inventory.page(java.util.Optional.empty(), 10).records())
          .extracting(SessionRecord::key)
          .containsExactly(moved.key());
    }
  }
}
