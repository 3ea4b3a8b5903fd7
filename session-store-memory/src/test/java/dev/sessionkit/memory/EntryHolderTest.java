package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writes swap the bytes in the entry's holder without the cache: a removed entry's holder is dead,
 * so a write racing a delete never brings the session back, and the cache's expiry (a coarse upper
 * bound) never ends a session that a write moved on.
 */
class EntryHolderTest {

  private final TestClock clock = TestClock.start();
  private final RecordingListener listener = new RecordingListener();
  private final MemorySessionStore store =
      MemorySessionStore.builder()
          .executor(Runnable::run)
          .create(new StoreContext(clock, listener));

  @Test
  void aWriteFromBytesLoadedBeforeADeleteFails() throws Exception {
    SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), "alice");
    store.create(record);
    store.load(record.key()).orElseThrow();
    Thread deleter = new Thread(() -> store.delete(record.key()));
    deleter.start();
    deleter.join();

    assertThat(store.apply(delta(record, Map.of("n", "2")))).isFalse();
    assertThat(store.load(record.key())).isEmpty();
    assertThat(store.findByPrincipal("alice")).isEmpty();
    assertThat(store.count()).isZero();
  }

  @Test
  void aDeleteRacingWritesLeavesNoSession() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 200; round++) {
        SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), "alice");
        store.create(record);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> writes =
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 50; i++) {
                    store.load(record.key());
                    store.apply(delta(record, Map.of("n", Integer.toString(i))));
                    store.touch(record.key(), clock.instant(), null);
                  }
                  return null;
                });
        Future<Boolean> delete =
            threads.submit(
                () -> {
                  start.await();
                  return store.delete(record.key());
                });
        assertThat(delete.get()).isTrue();
        writes.get();

        assertThat(store.load(record.key())).isEmpty();
        assertThat(store.apply(delta(record, Map.of("n", "x")))).isFalse();
        assertThat(store.findByPrincipal("alice")).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aWriteThatMovesTheDeadlinePastTheCacheExpiryKeepsTheSession() {
    SessionRecord record = Sessions.record(clock, Duration.ofMinutes(5), "bob");
    store.create(record);
    // Each step moves the deadline by less than the cache's slot, many steps by much more.
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofMillis(300));
      store.load(record.key()).orElseThrow();
      assertThat(store.touch(record.key(), clock.instant(), null)).isTrue();
    }
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(store.sweepExpired()).isZero();
    assertThat(store.load(record.key())).isPresent();

    clock.advance(Duration.ofMillis(1));
    // Past the exact deadline, before the cache's own expiry: gone for loads and writes at once.
    assertThat(store.load(record.key())).isEmpty();
    assertThat(store.apply(delta(record, Map.of("n", "2")))).isFalse();
    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(listener.expired).extracting(SessionEvent::key).containsExactly(record.key());
    assertThat(store.findByPrincipal("bob")).isEmpty();
  }

  private SessionDelta delta(SessionRecord record, Map<String, String> set) {
    return Sessions.delta(clock, record, set, false, record.principal());
  }
}
