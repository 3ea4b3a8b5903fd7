package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.tck.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the memory store does beyond the contract: events, bounds, the scheduler, the builder. */
class MemorySessionStoreTest {

  private final TestClock clock = TestClock.start();
  private final RecordingListener listener = new RecordingListener();

  /** Events delivered on the calling thread, so that a test hears them before it asserts. */
  private MemorySessionStore store(long maximumSize) {
    MemorySessionStore store =
        MemorySessionStore.builder()
            .clock(clock)
            .maximumSize(maximumSize)
            .executor(Runnable::run)
            .build();
    store.subscribe(listener);
    return store;
  }

  @Test
  void expiryFollowsTheClockAndFiresTheExpiredEvent() {
    MemorySessionStore store = store(100);
    SessionRecord shortLived = Sessions.record(clock, Duration.ofMinutes(5), "alice");
    SessionRecord longLived = Sessions.record(clock, Duration.ofMinutes(30), "bob");
    store.create(shortLived);
    store.create(longLived);

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(store.sweepExpired()).isZero();
    assertThat(listener.expired).isEmpty();

    clock.advance(Duration.ofMillis(1));
    // Loads are exact to the millisecond (the contract checks that); Caffeine's timer wheel removes
    // entries in buckets of about a second; loads are exact.
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(listener.expired)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.key()).isEqualTo(shortLived.key());
              assertThat(e.principal()).contains("alice");
              assertThat(e.time()).isEqualTo(clock.instant());
            });
    assertThat(listener.evicted).isEmpty();
    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.load(longLived.key())).contains(longLived);
  }

  @Test
  void theEarlierOfIdleAndAbsoluteDeadlineEndsTheEntry() {
    MemorySessionStore store = store(100);
    SessionRecord base = Sessions.record(clock, Duration.ofMinutes(30), null);
    SessionRecord capped =
        new SessionRecord(
            base.key(),
            base.creationTime(),
            base.lastAccessTime(),
            base.idleTimeout(),
            clock.instant().plus(Duration.ofMinutes(10)),
            null,
            base.attributes());
    store.create(capped);
    clock.advance(Duration.ofMinutes(9));
    assertThat(store.touch(capped.key(), clock.instant(), capped.absoluteDeadline())).isTrue();
    clock.advance(Duration.ofMinutes(1).plusSeconds(2));
    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(listener.expired).extracting(SessionEvent::key).containsExactly(capped.key());
  }

  @Test
  void staysWithinItsBoundAndReportsEvictions() {
    MemorySessionStore store = store(10);
    Set<SessionRecord> created = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), "crowd");
      created.add(record);
      store.create(record);
    }
    store.sweepExpired();
    assertThat(store.estimatedSize()).isLessThanOrEqualTo(10);
    assertThat(listener.evicted).hasSize(40 - (int) store.estimatedSize());
    assertThat(listener.expired).isEmpty();

    Set<Object> evictedKeys =
        listener.evicted.stream().map(SessionEvent::key).collect(Collectors.toSet());
    Set<Object> survivors =
        created.stream()
            .map(SessionRecord::key)
            .filter(k -> store.load(k).isPresent())
            .collect(Collectors.toSet());
    assertThat(survivors)
        .hasSize((int) store.estimatedSize())
        .doesNotContainAnyElementsOf(evictedKeys);
    assertThat(store.findByPrincipal("crowd")).isEqualTo(survivors);
    assertThat(listener.evicted).allSatisfy(e -> assertThat(e.principal()).contains("crowd"));
  }

  @Test
  void expiresPromptlyWithNoTrafficOnTheSystemClock() {
    MemorySessionStore store = MemorySessionStore.builder().clock(Clock.systemUTC()).build();
    store.subscribe(listener);
    SessionRecord record = Sessions.record(Clock.systemUTC(), Duration.ofMillis(200), "alice");
    store.create(record);
    // Nothing calls the store from here on: only its scheduler can notice the expiry.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (listener.expired.isEmpty() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    assertThat(listener.expired).extracting(SessionEvent::key).containsExactly(record.key());
  }

  @Test
  void aDeadlineBeyondTheTickersRangeMeansNoExpiryNotInstantExpiry() {
    MemorySessionStore store = store(100);
    SessionRecord base = Sessions.record(clock, Duration.ofDays(365L * 400), null);
    store.create(base);
    clock.advance(Duration.ofDays(1));
    assertThat(store.sweepExpired()).isZero();
    assertThat(store.load(base.key())).contains(base);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    MemorySessionStore store = store(100);
    store.subscribe(
        new SessionListener() {
          @Override
          public void expired(SessionEvent event) {
            throw new IllegalStateException("listener bug");
          }
        });
    RecordingListener after = new RecordingListener();
    store.subscribe(after);
    store.create(Sessions.record(clock, Duration.ofMinutes(1), null));
    clock.advance(Duration.ofMinutes(1).plusSeconds(2));
    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(listener.expired).hasSize(1);
    assertThat(after.expired).hasSize(1);
  }

  @Test
  void recordsAreImmutableSnapshots() {
    MemorySessionStore store = store(100);
    Map<String, String> attributes = new HashMap<>(Map.of("cart", "[\"apple\"]"));
    SessionRecord record =
        new SessionRecord(
            Sessions.record(clock, Duration.ofMinutes(5), null).key(),
            clock.instant(),
            clock.instant(),
            Duration.ofMinutes(5),
            null,
            null,
            attributes);
    store.create(record);
    attributes.put("cart", "[\"apple\",\"pear\"]");
    Optional<SessionRecord> loaded = store.load(record.key());
    assertThat(loaded.orElseThrow().attributes()).containsEntry("cart", "[\"apple\"]");
    assertThatThrownBy(() -> loaded.get().attributes().put("x", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderChecksItsSettings() {
    assertThat(MemorySessionStore.DEFAULT_MAXIMUM_SIZE).isEqualTo(100_000);
    assertThatThrownBy(() -> MemorySessionStore.builder().maximumSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumSize");
    assertThatThrownBy(() -> MemorySessionStore.builder().clock(clock).clock(clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clock was already set");
    assertThatThrownBy(() -> MemorySessionStore.builder().maximumSize(5).maximumSize(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maximumSize was already set");
    assertThatThrownBy(() -> MemorySessionStore.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }
}
