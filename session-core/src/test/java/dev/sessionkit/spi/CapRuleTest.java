package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.PrincipalSessions.Admission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cap's one rule: which sessions end, in what order, and what is reported. */
class CapRuleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static SessionKey key(char fill) {
    return new SessionKey(String.valueOf(fill).repeat(64));
  }

  private static SessionRecord usedAt(SessionKey key, long second) {
    Instant used = T0.plusSeconds(second);
    return new SessionRecord(key, T0, used, Duration.ofHours(1), null, "alice", Map.of());
  }

  @Test
  void atOrUnderTheLimitNothingEnds() {
    List<SessionRecord> live = List.of(usedAt(key('a'), 1), usedAt(key('b'), 2));
    assertThat(CapRule.victims(live, key('b'), 2, true)).isEmpty();
    Admission answer = CapRule.admit(live, key('b'), 2, false, k -> true);
    assertThat(answer.admitted()).isTrue();
    assertThat(answer.ended()).isEmpty();
  }

  @Test
  void endingTheOldestEndsTheLeastRecentlyUsedOthersAndNeverTheNewcomer() {
    SessionRecord newcomerUsedFirst = usedAt(key('0'), 0);
    SessionRecord recent = usedAt(key('1'), 9);
    SessionRecord old = usedAt(key('2'), 3);
    SessionRecord older = usedAt(key('3'), 2);
    List<SessionRecord> live = List.of(recent, newcomerUsedFirst, old, older);
    assertThat(CapRule.victims(live, newcomerUsedFirst.key(), 2, true)).containsExactly(older, old);
  }

  @Test
  void equalLastUseIsBrokenByTheSmallerKey() {
    List<SessionRecord> live = new ArrayList<>();
    for (char c : "f3a9c".toCharArray()) {
      live.add(usedAt(key(c), 5));
    }
    SessionRecord newcomer = usedAt(key('0'), 6);
    live.add(newcomer);
    List<SessionRecord> byKey =
        live.subList(0, 5).stream()
            .sorted(Comparator.comparing((SessionRecord r) -> r.key().value()))
            .toList();
    assertThat(CapRule.victims(live, newcomer.key(), 3, true))
        .containsExactly(byKey.get(0), byKey.get(1), byKey.get(2));
  }

  @Test
  void refusingEndsTheNewcomerAloneAndReportsIt() {
    SessionRecord first = usedAt(key('a'), 1);
    SessionRecord newcomer = usedAt(key('b'), 2);
    Set<SessionKey> ended = new HashSet<>();
    Admission answer =
        CapRule.admit(List.of(first, newcomer), newcomer.key(), 1, false, ended::add);
    assertThat(answer.admitted()).isFalse();
    assertThat(answer.ended()).containsExactly(newcomer);
    assertThat(ended).containsExactly(newcomer.key());
  }

  @Test
  void aVictimThatWasAlreadyGoneIsNotReported() {
    SessionRecord gone = usedAt(key('a'), 1);
    SessionRecord old = usedAt(key('b'), 2);
    SessionRecord newcomer = usedAt(key('c'), 3);
    Admission answer =
        CapRule.admit(
            List.of(gone, old, newcomer), newcomer.key(), 1, true, k -> !k.equals(gone.key()));
    assertThat(answer.admitted()).isTrue();
    assertThat(answer.ended()).containsExactly(old);
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> CapRule.victims(List.of(), key('a'), 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be at least 1: 0");
  }
}
