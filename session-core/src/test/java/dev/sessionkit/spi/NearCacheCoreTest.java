package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The near cache's freshness rules, on a plain map and a clock the test moves. */
class NearCacheCoreTest {

  private static final Duration AGE = Duration.ofSeconds(1);

  private final ConcurrentMap<SessionKey, Object> entries = new ConcurrentHashMap<>();
  private Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  // The core keeps nothing but the map, so a core on a later fixed clock is the same cache later.
  private NearCacheCore cache = new NearCacheCore(entries, clock, AGE);
  private final AtomicInteger reads = new AtomicInteger();

  private void advance(Duration d) {
    clock = Clock.offset(clock, d);
    cache = new NearCacheCore(entries, clock, AGE);
  }

  private static SessionKey key(char fill) {
    return new SessionKey(String.valueOf(fill).repeat(64));
  }

  private SessionRecord record(SessionKey key, Duration idle) {
    return new SessionRecord(key, clock.instant(), clock.instant(), idle, null, null, Map.of());
  }

  private Optional<SessionRecord> load(SessionKey key, Optional<SessionRecord> backend) {
    return cache.load(
        key,
        () -> {
          reads.incrementAndGet();
          return backend;
        });
  }

  @Test
  void aKeptSessionIsAnsweredUntilItsMaximumAgeThenReadAgain() {
    SessionRecord r = record(key('a'), Duration.ofHours(1));
    assertThat(load(r.key(), Optional.of(r))).contains(r);
    advance(AGE.minusMillis(1));
    assertThat(load(r.key(), Optional.of(r))).contains(r);
    assertThat(reads).hasValue(1);
    advance(Duration.ofMillis(1));
    assertThat(load(r.key(), Optional.of(r))).contains(r);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aKeptSessionPastItsDeadlineReadsAsMissing() {
    SessionRecord r = record(key('a'), Duration.ofMillis(500));
    load(r.key(), Optional.of(r));
    advance(Duration.ofMillis(500));
    assertThat(load(r.key(), Optional.of(r))).isEmpty();
    assertThat(reads).hasValue(1);
  }

  @Test
  void emptyAnswersAndAnswersForAnotherKeyAreNotKept() {
    load(key('a'), Optional.empty());
    load(key('a'), Optional.empty());
    SessionRecord renewed = record(key('b'), Duration.ofHours(1));
    load(key('c'), Optional.of(renewed));
    load(key('c'), Optional.of(renewed));
    assertThat(reads).hasValue(4);
  }

  @Test
  void aWriteThatRacesAReadKeepsTheReadOutOfTheCache() {
    SessionRecord r = record(key('a'), Duration.ofHours(1));
    Optional<SessionRecord> raced =
        cache.load(
            r.key(),
            () -> {
              cache.forget(r.key()); // this node wrote the session while the read was out
              return Optional.of(r);
            });
    assertThat(raced).contains(r);
    load(r.key(), Optional.of(r));
    assertThat(reads).hasValue(1);
  }

  @Test
  void aReadTheStoreCannotTrustIsReturnedButNotKept() {
    SessionRecord r = record(key('a'), Duration.ofHours(1));
    assertThat(cache.load(r.key(), () -> Optional.of(r), () -> false)).contains(r);
    load(r.key(), Optional.of(r));
    assertThat(reads).hasValue(1);
  }

  @Test
  void aFailedReadLeavesNothingBehind() {
    SessionKey k = key('a');
    assertThatThrownBy(
            () ->
                cache.load(
                    k,
                    () -> {
                      throw new IllegalStateException("down");
                    }))
        .hasMessage("down");
    SessionRecord r = record(k, Duration.ofHours(1));
    assertThat(load(k, Optional.of(r))).contains(r);
  }

  @Test
  void forgetAllDropsEverything() {
    SessionRecord r = record(key('a'), Duration.ofHours(1));
    load(r.key(), Optional.of(r));
    cache.forgetAll();
    load(r.key(), Optional.of(r));
    assertThat(reads).hasValue(2);
  }

  @Test
  void settingsAreCheckedNamingThem() {
    assertThatThrownBy(() -> NearCacheCore.checkSettings(0, AGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumSize");
    assertThatThrownBy(() -> NearCacheCore.checkSettings(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumAge");
    assertThat(NearCacheCore.nanos(clock))
        .isEqualTo(clock.instant().getEpochSecond() * 1_000_000_000L);
  }
}
