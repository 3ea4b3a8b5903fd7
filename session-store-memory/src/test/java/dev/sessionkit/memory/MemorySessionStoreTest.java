package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
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
    return MemorySessionStore.builder()
        .maximumSize(maximumSize)
        .executor(Runnable::run)
        .create(new StoreContext(clock, listener));
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

    Set<SessionKey> evictedKeys =
        listener.evicted.stream().map(SessionEvent::key).collect(Collectors.toSet());
    Set<SessionKey> survivors =
        created.stream()
            .map(SessionRecord::key)
            .filter(k -> store.load(k).isPresent())
            .collect(Collectors.toSet());
    assertThat(survivors)
        .hasSize((int) store.estimatedSize())
        .doesNotContainAnyElementsOf(evictedKeys);
    assertThat(store.findByPrincipal("crowd"))
        .extracting(SessionRecord::key)
        .containsExactlyInAnyOrderElementsOf(survivors);
    assertThat(listener.evicted).allSatisfy(e -> assertThat(e.principal()).contains("crowd"));
  }

  /**
   * Loads reach the eviction policy one in {@link LastLoad#READ_SAMPLE} per thread: a session read
   * often keeps its place when newcomers push the store past its bound, and the same session left
   * unread is pushed out like its neighbours (so the reads, not luck, kept it).
   */
  @Test
  void aSessionInUseOutlastsNewcomersPastTheBound() {
    assertThat(survivesACrowd(40 * LastLoad.READ_SAMPLE)).isTrue();
    assertThat(survivesACrowd(0)).isFalse();
  }

  /** Whether the first of ten sessions, loaded {@code loads} times, outlasts 200 newcomers. */
  private boolean survivesACrowd(int loads) {
    try (MemorySessionStore store = store(10)) {
      SessionRecord used = Sessions.record(clock, Duration.ofMinutes(30), null);
      store.create(used);
      for (int i = 0; i < 9; i++) {
        store.create(Sessions.record(clock, Duration.ofMinutes(30), null));
      }
      for (int i = 0; i < loads; i++) {
        assertThat(store.load(used.key())).isPresent();
      }
      store.sweepExpired();
      for (int i = 0; i < 200; i++) {
        store.create(Sessions.record(clock, Duration.ofMinutes(30), null));
        store.sweepExpired();
      }
      return store.load(used.key()).isPresent();
    }
  }

  @Test
  void expiresPromptlyWithNoTrafficOnTheSystemClock() {
    MemorySessionStore store =
        MemorySessionStore.builder().create(new StoreContext(Clock.systemUTC(), listener));
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
  void aFailingListenerDoesNotStopTheCacheUpkeep() {
    MemorySessionStore store =
        MemorySessionStore.builder()
            .executor(Runnable::run)
            .create(
                new StoreContext(
                    clock,
                    new SessionListener() {
                      @Override
                      public void expired(SessionEvent event) {
                        throw new IllegalStateException("listener bug");
                      }
                    }));
    store.create(Sessions.record(clock, Duration.ofMinutes(1), null));
    store.create(Sessions.record(clock, Duration.ofMinutes(1), null));
    clock.advance(Duration.ofMinutes(1).plusSeconds(2));
    assertThat(store.sweepExpired()).isEqualTo(2);
    assertThat(store.estimatedSize()).isZero();
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
    assertThatThrownBy(() -> MemorySessionStore.builder().executor(Runnable::run).executor(r -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("executor was already set");
    assertThatThrownBy(() -> MemorySessionStore.builder().maximumSize(5).maximumSize(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maximumSize was already set");
    assertThatThrownBy(() -> MemorySessionStore.builder().snapshotFile(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("snapshotFile");
  }

  @Test
  void aBuilderBuildsAgainWithTheSameSettings() {
    MemoryStoreBuilder builder = MemorySessionStore.builder().maximumSize(1);
    StoreContext context = new StoreContext(clock, SessionListener.NONE);
    try (MemorySessionStore first = builder.create(context);
        MemorySessionStore second = builder.create(context)) {
      SessionRecord a = Sessions.record(clock, Duration.ofMinutes(5), null);
      first.create(a);
      assertThat(second.load(a.key())).isEmpty();
      assertThat(first.load(a.key())).contains(a);
    }
  }

  /** A write that another thread's write overtook, since this thread loaded, merges with it. */
  @Test
  void aWriteStartingFromAnOvertakenLoadKeepsTheOtherWrite() throws Exception {
    MemorySessionStore store = store(100);
    SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), "alice");
    store.create(record);
    assertThat(store.load(record.key())).isPresent();
    runOnAnotherThread(() -> store.apply(delta(record, Map.of("x", "1"), false, null)));
    assertThat(store.apply(delta(record, Map.of("y", "2"), true, "bob"))).isTrue();
    assertThat(store.load(record.key()).orElseThrow().attributes())
        .containsEntry("x", "1")
        .containsEntry("y", "2")
        .containsEntry("n", "1");
    assertThat(store.findByPrincipal("bob"))
        .extracting(SessionRecord::key)
        .containsExactly(record.key());
    assertThat(store.findByPrincipal("alice")).isEmpty();
  }

  @Test
  void aSessionDeletedOrExpiredAfterALoadIsNotBroughtBack() throws Exception {
    MemorySessionStore store = store(100);
    SessionRecord deleted = Sessions.record(clock, Duration.ofMinutes(30), "alice");
    SessionRecord expiring = Sessions.record(clock, Duration.ofMinutes(5), "alice");
    store.create(deleted);
    store.create(expiring);

    assertThat(store.load(deleted.key())).isPresent();
    runOnAnotherThread(() -> store.delete(deleted.key()));
    assertThat(store.apply(delta(deleted, Map.of("x", "1"), false, null))).isFalse();
    assertThat(store.load(deleted.key())).isEmpty();

    assertThat(store.load(expiring.key())).isPresent();
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.touch(expiring.key(), clock.instant(), clock.instant())).isFalse();
    assertThat(store.load(expiring.key())).isEmpty();
    assertThat(store.findByPrincipal("alice")).isEmpty();
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    MemorySessionStore store = store(100);
    SessionRecord base = Sessions.record(clock, Duration.ofMinutes(30), null);
    SessionRecord fine =
        new SessionRecord(
            base.key(),
            clock.instant().plusNanos(999_999),
            clock.instant().plusNanos(1_500_000),
            base.idleTimeout(),
            null,
            null,
            base.attributes());
    store.create(fine);
    SessionRecord loaded = store.load(fine.key()).orElseThrow();
    assertThat(loaded.creationTime()).isEqualTo(clock.instant());
    assertThat(loaded.lastAccessTime()).isEqualTo(clock.instant().plusMillis(1));
  }

  private SessionDelta delta(
      SessionRecord record, Map<String, String> set, boolean principalChanged, String principal) {
    return Sessions.delta(clock, record, set, principalChanged, principal);
  }

  private static void runOnAnotherThread(Runnable action) throws Exception {
    Thread thread = new Thread(action);
    thread.start();
    thread.join();
  }
}
