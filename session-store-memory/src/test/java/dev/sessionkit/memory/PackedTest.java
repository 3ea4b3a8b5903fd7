package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The packed form keeps a record exactly (to the millisecond) and applies deltas as a map would.
 */
class PackedTest {

  private static final SessionKey KEY = TestKeys.newKey();
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Property(tries = 300)
  void aRecordRoundTrips(@ForAll("records") SessionRecord record) {
    byte[] packed = Packed.of(record);
    SessionRecord back = Packed.toRecord(record.key(), packed);
    assertThat(back).isEqualTo(record);
    assertThat(back.attributes())
        .isEqualTo(record.attributes())
        .hasSameHashCodeAs(record.attributes());
    assertThat(Packed.expiresAt(packed)).isEqualTo(record.expiresAt().toEpochMilli());
    assertThat(Packed.principal(packed)).isEqualTo(record.principal());
    assertThat(Packed.hasPrincipal(packed, record.principal())).isTrue();
    assertThat(Packed.hasPrincipal(packed, record.principal() == null ? "x" : null)).isFalse();
    for (String name : record.attributes().keySet()) {
      assertThat(back.attributes().get(name)).isEqualTo(record.attributes().get(name));
      assertThat(back.attributes().containsKey(name)).isTrue();
    }
    assertThat(back.attributes().get("not there \uD800")).isNull();
    // A record made from a loaded one (a regenerated session) copies the bytes whole.
    assertThat(Packed.toRecord(KEY, Packed.of(back))).isEqualTo(back);
  }

  @Property(tries = 300)
  void applyingADeltaMatchesTheRecordsOwnApply(
      @ForAll("records") SessionRecord record, @ForAll("deltas") Change change) {
    SessionDelta delta = change.deltaFor(record);
    SessionRecord applied = Packed.toRecord(record.key(), Packed.apply(Packed.of(record), delta));
    assertThat(applied).isEqualTo(record.apply(delta));
  }

  /** The common delta, one attribute set, replaces that value alone (or appends a new name). */
  @Property(tries = 300)
  void settingOneAttributeMatchesTheRecordsOwnApply(
      @ForAll("records") SessionRecord record,
      @ForAll("names") String newName,
      @ForAll("values") String value,
      @ForAll boolean storedName,
      @ForAll("idles") long idleMillis) {
    String name =
        storedName && !record.attributes().isEmpty()
            ? record.attributes().keySet().iterator().next()
            : newName;
    Instant now = NOW.plusMillis(idleMillis / 2);
    Duration idle = Duration.ofMillis(idleMillis);
    SessionDelta delta =
        new SessionDelta(
            record.key(),
            Map.of(name, value),
            Set.of(),
            now,
            idle,
            SessionRecord.expiresAt(now, idle, record.absoluteDeadline()),
            false,
            null);
    byte[] packed = Packed.apply(Packed.of(record), delta);
    assertThat(Packed.toRecord(record.key(), packed)).isEqualTo(record.apply(delta));
    assertThat(Packed.expiresAt(packed)).isEqualTo(record.apply(delta).expiresAt().toEpochMilli());
  }

  @Provide
  Arbitrary<String> names() {
    return texts();
  }

  @Provide
  Arbitrary<String> values() {
    return texts();
  }

  @Provide
  Arbitrary<Long> idles() {
    return Arbitraries.longs().between(1, 100_000_000);
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    Instant fine = NOW.plusNanos(1_234_567);
    SessionRecord record =
        new SessionRecord(KEY, fine, fine, Duration.ofMinutes(30), null, null, Map.of());
    SessionRecord back = Packed.toRecord(KEY, Packed.of(record));
    assertThat(back.creationTime()).isEqualTo(NOW.plusMillis(1));
    assertThat(back.lastAccessTime()).isEqualTo(NOW.plusMillis(1));
  }

  @Test
  void touchMovesOnlyTheLastAccessTime() {
    SessionRecord record =
        new SessionRecord(KEY, NOW, NOW, Duration.ofMinutes(30), null, "alice", Map.of("a", "1"));
    Instant later = NOW.plusSeconds(90);
    assertThat(Packed.toRecord(KEY, Packed.touch(Packed.of(record), later)))
        .isEqualTo(record.touch(later));
  }

  @Provide
  Arbitrary<SessionRecord> records() {
    Arbitrary<Map<String, String>> attributes = Arbitraries.maps(texts(), texts()).ofMaxSize(70);
    return Combinators.combine(
            Arbitraries.longs().between(0, 10_000_000),
            Arbitraries.longs().between(1, 100_000_000),
            Arbitraries.longs().between(0, 100_000_000).injectNull(0.5),
            texts().injectNull(0.4),
            attributes)
        .as(
            (sinceCreation, idle, absolute, principal, attrs) ->
                new SessionRecord(
                    KEY,
                    NOW,
                    NOW.plusMillis(sinceCreation),
                    Duration.ofMillis(idle),
                    absolute == null ? null : NOW.plusMillis(absolute),
                    principal,
                    attrs));
  }

  /** Short names and values of any chars, lone surrogates included, and the odd long one. */
  private static Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(6),
        Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(3),
        Arbitraries.strings().all().ofMinLength(100).ofMaxLength(300));
  }

  @Provide
  Arbitrary<Change> deltas() {
    return Combinators.combine(
            Arbitraries.maps(texts(), texts()).ofMaxSize(4),
            texts().set().ofMaxSize(4),
            Arbitraries.integers().between(0, 2),
            texts().injectNull(0.3),
            Arbitraries.longs().between(1, 100_000_000))
        .as(Change::new);
  }

  /** A delta drawn independently of the record; names of the record are mixed in on use. */
  record Change(
      Map<String, String> set, Set<String> removed, int mode, String principal, long idleMillis) {

    SessionDelta deltaFor(SessionRecord record) {
      Map<String, String> s = new HashMap<>(set);
      Set<String> r = new HashSet<>(removed);
      // Touch some stored names too, so that overwrites and removals of real attributes happen.
      int i = 0;
      for (String name : record.attributes().keySet()) {
        if (i++ % 3 == mode) {
          if (mode == 1) {
            s.put(name, "overwritten");
          } else {
            r.add(name);
          }
        }
      }
      r.removeAll(s.keySet());
      Instant now = NOW.plusMillis(idleMillis / 2);
      Duration idle = Duration.ofMillis(idleMillis);
      return new SessionDelta(
          record.key(),
          s,
          r,
          now,
          idle,
          SessionRecord.expiresAt(now, idle, record.absoluteDeadline()),
          mode != 0,
          principal);
    }
  }
}
