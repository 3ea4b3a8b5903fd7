package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract's tests of the optional capabilities: the per-principal cap of {@link
 * PrincipalSessions#admit} and the {@link SessionInventory}. A store without a capability skips its
 * tests with a message that names it. Public only through {@link SessionStoreContract}.
 */
abstract class CapabilityContract extends ExampleContract {

  CapabilityContract() {}

  final SessionInventory inventory() {
    Assumptions.assumeTrue(
        store() instanceof SessionInventory,
        "skipped: " + store().getClass().getSimpleName() + " does not implement SessionInventory");
    return (SessionInventory) store();
  }

  private SessionRecord loggedIn(String principal) {
    SessionRecord record = created(principal, null, Map.of("user", Records.json(principal)));
    clock().advance(Duration.ofSeconds(1));
    return record;
  }

  @Test
  void admitEndsTheLeastRecentlyUsedSessionsOverTheCap() {
    PrincipalSessions index = principals();
    SessionRecord oldest = loggedIn("alice");
    SessionRecord middle = loggedIn("alice");
    SessionRecord bob = loggedIn("bob");
    assertThat(store().touch(oldest.key(), now(), now().plus(IDLE))).isTrue();
    clock().advance(Duration.ofSeconds(1));
    SessionRecord newcomer = loggedIn("alice");
    Admission answer = index.admit("alice", newcomer.key(), 2, true);
    assertThat(answer.admitted()).isTrue();
    // The oldest was used again since: the least recently used is the middle one.
    assertThat(answer.ended()).extracting(SessionRecord::key).containsExactly(middle.key());
    assertThat(store().load(middle.key())).isEmpty();
    assertThat(store().load(oldest.key())).isPresent();
    assertThat(store().load(newcomer.key())).isPresent();
    assertThat(store().load(bob.key())).contains(bob);
    assertThat(keysOf("alice")).containsExactlyInAnyOrder(oldest.key(), newcomer.key());
  }

  @Test
  void admitBreaksTiesInLastUseByTheSmallerKey() {
    PrincipalSessions index = principals();
    // Four sessions last used at the same instant: which two end is decided by their keys alone.
    List<SessionRecord> tied = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tied.add(created("alice", null, Map.of()));
    }
    clock().advance(Duration.ofSeconds(1));
    SessionRecord newcomer = loggedIn("alice");
    Admission answer = index.admit("alice", newcomer.key(), 3, true);
    List<SessionKey> smallestFirst =
        tied.stream()
            .map(SessionRecord::key)
            .sorted(Comparator.comparing(SessionKey::value))
            .toList();
    assertThat(answer.ended())
        .extracting(SessionRecord::key)
        .containsExactly(smallestFirst.get(0), smallestFirst.get(1));
    assertThat(keysOf("alice"))
        .containsExactlyInAnyOrder(smallestFirst.get(2), smallestFirst.get(3), newcomer.key());
  }

  @Test
  void admitUnderTheCapEndsNothing() {
    PrincipalSessions index = principals();
    SessionRecord first = loggedIn("alice");
    SessionRecord newcomer = loggedIn("alice");
    Admission answer = index.admit("alice", newcomer.key(), 2, true);
    assertThat(answer.admitted()).isTrue();
    assertThat(answer.ended()).isEmpty();
    assertThat(keysOf("alice")).containsExactlyInAnyOrder(first.key(), newcomer.key());
  }

  @Test
  void admitRefusingEndsTheNewcomerAndKeepsTheOthers() {
    PrincipalSessions index = principals();
    SessionRecord first = loggedIn("alice");
    SessionRecord newcomer = loggedIn("alice");
    Admission answer = index.admit("alice", newcomer.key(), 1, false);
    assertThat(answer.admitted()).isFalse();
    assertThat(answer.ended()).extracting(SessionRecord::key).containsExactly(newcomer.key());
    assertThat(store().load(newcomer.key())).isEmpty();
    assertThat(store().load(first.key())).contains(first);
  }

  @Test
  void admitCountsOnlyLiveSessionsOfThatPrincipal() {
    PrincipalSessions index = principals();
    created("alice", now().plus(Duration.ofMinutes(1)), Map.of());
    SessionRecord deleted = loggedIn("alice");
    store().delete(deleted.key());
    loggedIn("bob");
    clock().advance(Duration.ofMinutes(2));
    SessionRecord newcomer = loggedIn("alice");
    Admission answer = index.admit("alice", newcomer.key(), 1, false);
    assertThat(answer.admitted()).isTrue();
    assertThat(answer.ended()).isEmpty();
  }

  @Test
  void parallelLoginsHoldTheCapWhenEndingTheOldest() throws Exception {
    principals();
    concurrency().parallelLoginsHoldTheCapExactly(3, true);
  }

  @Test
  void parallelLoginsHoldTheCapWhenRefusing() throws Exception {
    principals();
    concurrency().parallelLoginsHoldTheCapExactly(2, false);
  }

  @Test
  void theInventoryCountsPagesAndClearsLiveSessions() {
    SessionInventory inventory = inventory();
    Set<SessionKey> live = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      live.add(created(i % 2 == 0 ? "alice" : null, null, Map.of("n", Integer.toString(i))).key());
    }
    SessionRecord shortLived = created(null, now().plus(Duration.ofMinutes(1)), Map.of());
    SessionRecord deleted = created(null, null, Map.of());
    store().delete(deleted.key());
    clock().advance(Duration.ofMinutes(1));
    assertThat(inventory.count()).isEqualTo(live.size());

    List<SessionKey> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      SessionInventory.Page page = inventory.page(cursor, 3);
      page.records().forEach(r -> seen.add(r.key()));
      cursor = page.next();
      pages++;
    } while (cursor.isPresent() && pages < 100);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(live);
    assertThat(seen).doesNotContain(shortLived.key(), deleted.key());

    assertThat(inventory.clear()).isBetween((long) live.size(), (long) live.size() + 1);
    assertThat(inventory.count()).isZero();
    for (SessionKey key : live) {
      assertThat(store().load(key)).isEmpty();
    }
    assertThatThrownBy(() -> inventory.page(Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  abstract ConcurrencyChecks concurrency();
}
