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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The contract's checks that need real threads racing on one store. */
final class ConcurrencyChecks {

  private final SessionStore store;
  private final TestClock clock;
  private final int threads;
  private final int updates;
  private final Duration timeout;

  ConcurrencyChecks(
      SessionStore store, TestClock clock, int threads, int updates, Duration timeout) {
    this.store = store;
    this.clock = clock;
    this.threads = threads;
    this.updates = updates;
    this.timeout = timeout;
  }

  private SessionRecord createSession(String principal) {
    SessionRecord record =
        Records.record(
            Records.newKey(),
            clock.instant(),
            Duration.ofMinutes(30),
            null,
            principal,
            Map.of("shared", "\"start\""));
    store.create(record);
    return record;
  }

  private static String value(int thread, int update) {
    return "\"t" + thread + "-u" + update + "\"";
  }

  /** Each thread writes its own attribute many times; every thread's last value must survive. */
  void differentAttributesAreAllKept() throws Exception {
    SessionRecord record = createSession(null);
    runThreads(
        t -> {
          for (int u = 0; u < updates; u++) {
            Instant now = clock.instant();
            assertThat(
                    store.apply(Records.delta(record, now, Map.of("t" + t, value(t, u)), Set.of())))
                .as("apply by thread %d", t)
                .isTrue();
          }
        });
    Map<String, String> attributes = store.load(record.key()).orElseThrow().attributes();
    for (int t = 0; t < threads; t++) {
      assertThat(attributes)
          .as("last write of thread %d", t)
          .containsEntry("t" + t, value(t, updates - 1));
    }
    assertThat(attributes).containsEntry("shared", "\"start\"").hasSize(threads + 1);
  }

  /**
   * Threads keep saving one session while another deletes it halfway: the session stays deleted,
   * and no save that started after the delete returned reports success.
   */
  void deleteRacingSavesLeavesTheSessionDeleted() throws Exception {
    SessionRecord record = createSession("racer");
    AtomicInteger applied = new AtomicInteger();
    AtomicBoolean deleted = new AtomicBoolean();
    Set<String> lateSuccesses = ConcurrentHashMap.newKeySet();
    int writers = Math.max(1, threads - 1);
    runThreads(
        t -> {
          if (t == writers) {
            awaitAtLeast(applied, writers * updates / 2);
            assertThat(store.delete(record.key())).as("delete while saving").isTrue();
            deleted.set(true);
            return;
          }
          // Writers go on past their quota until they have seen the delete, so that some saves
          // surely start after it.
          long deadline = System.nanoTime() + timeout.toNanos();
          for (int u = 0; u < updates || !deleted.get(); u++) {
            if (System.nanoTime() - deadline > 0) {
              throw new AssertionError("the delete did not happen within " + timeout);
            }
            boolean afterDelete = deleted.get();
            Instant now = clock.instant();
            boolean ok =
                store.apply(Records.delta(record, now, Map.of("t" + t, value(t, u)), Set.of()));
            if (ok && afterDelete) {
              lateSuccesses.add("thread " + t + " update " + u);
            }
            applied.incrementAndGet();
          }
        },
        writers + 1);
    assertThat(lateSuccesses).as("saves reported as applied after the delete").isEmpty();
    assertThat(store.load(record.key())).as("load after the race").isEmpty();
    assertThat(store.touch(record.key(), clock.instant(), clock.instant().plusSeconds(60)))
        .as("touch after the race")
        .isFalse();
    if (store instanceof PrincipalSessions index) {
      assertThat(index.findByPrincipal("racer")).as("principal index after the race").isEmpty();
    }
  }

  /**
   * Writers keep saving their own attribute through a session's key while another thread renews the
   * session halfway, the writes after it arriving through the old key (a request in flight): every
   * write reports success, and the renewed session holds every writer's last value and the
   * renewal's own change.
   *
   * @param writers how many writer threads
   * @param writesEach how many saves each writer makes
   * @param renewAfter how many saves in all come before the renewal starts
   */
  void writesRacingARenewalAreAllKept(int writers, int writesEach, int renewAfter)
      throws Exception {
    SessionRenewal renewal = (SessionRenewal) store;
    SessionRecord record = createSession("mover");
    SessionKey newKey = Records.newKey();
    AtomicInteger applied = new AtomicInteger();
    runThreads(
        t -> {
          if (t == writers) {
            awaitAtLeast(applied, Math.min(renewAfter, writers * writesEach));
            Instant now = clock.instant();
            SessionDelta move =
                Records.delta(record, now, Map.of("renewed", "true"), Set.of()).withKey(newKey);
            assertThat(renewal.renew(record.key(), move, now.plusSeconds(30)))
                .as("renew while saving")
                .isTrue();
            return;
          }
          for (int u = 0; u < writesEach; u++) {
            Instant now = clock.instant();
            assertThat(
                    store.apply(Records.delta(record, now, Map.of("t" + t, value(t, u)), Set.of())))
                .as("apply by thread %d through the old key", t)
                .isTrue();
            applied.incrementAndGet();
          }
        },
        writers + 1);
    SessionRecord moved = store.load(newKey).orElseThrow();
    for (int t = 0; t < writers; t++) {
      assertThat(moved.attributes())
          .as("last write of thread %d", t)
          .containsEntry("t" + t, value(t, writesEach - 1));
    }
    assertThat(moved.attributes())
        .containsEntry("shared", "\"start\"")
        .containsEntry("renewed", "true")
        .hasSize(writers + 2);
    assertThat(store.load(record.key())).as("the old key forwards").contains(moved);
    if (store instanceof PrincipalSessions index) {
      assertThat(index.findByPrincipal("mover")).extracting(SessionRecord::key).contains(newKey);
    }
  }

  /** Threads create sessions of one principal at once; the index must list every one of them. */
  void concurrentCreatesAreAllIndexed() throws Exception {
    String principal = "crowd-" + Records.newKey().shortForm();
    int perThread = Math.max(1, updates / 5);
    Set<SessionKey> created = ConcurrentHashMap.newKeySet();
    runThreads(
        t -> {
          for (int i = 0; i < perThread; i++) {
            created.add(createSession(principal).key());
          }
        });
    PrincipalSessions index = (PrincipalSessions) store;
    assertThat(index.findByPrincipal(principal))
        .extracting(SessionRecord::key)
        .containsExactlyInAnyOrderElementsOf(created);
    assertThat(index.deleteByPrincipal(principal)).containsExactlyInAnyOrderElementsOf(created);
    assertThat(index.findByPrincipal(principal)).isEmpty();
  }

  /**
   * Threads log one principal in at once, each writing its session and then admitting it, as the
   * engine does; afterwards the principal has exactly {@code limit} live sessions, and every ended
   * session is gone from the store.
   */
  void parallelLoginsHoldTheCapExactly(int limit, boolean endOldest) throws Exception {
    String principal = "login-" + Records.newKey().shortForm();
    PrincipalSessions index = (PrincipalSessions) store;
    Set<SessionKey> admitted = ConcurrentHashMap.newKeySet();
    Set<SessionKey> ended = ConcurrentHashMap.newKeySet();
    int perThread = Math.max(2, updates / 10);
    runThreads(
        t -> {
          for (int i = 0; i < perThread; i++) {
            SessionRecord record = createSession(principal);
            PrincipalSessions.Admission answer =
                index.admit(principal, record.key(), limit, endOldest);
            if (answer.admitted()) {
              admitted.add(record.key());
            } else {
              assertThat(answer.ended()).extracting(SessionRecord::key).contains(record.key());
            }
            answer.ended().forEach(r -> ended.add(r.key()));
          }
        });
    List<SessionRecord> live = index.findByPrincipal(principal);
    assertThat(live).as("live sessions of %s after parallel logins", principal).hasSize(limit);
    for (SessionKey key : ended) {
      assertThat(store.load(key)).as("a session the cap ended").isEmpty();
    }
    assertThat(admitted).containsAll(live.stream().map(SessionRecord::key).toList());
  }

  /** Waits until the counter reaches the target, within the kit's timeout. */
  private void awaitAtLeast(AtomicInteger counter, int target) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.get() < target) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("writers did not reach " + target + " saves within " + timeout);
      }
      // A short park rather than a spin: on a small machine the writers need the core.
      LockSupport.parkNanos(100_000);
    }
  }

  private void runThreads(ThreadBody body) throws Exception {
    runThreads(body, threads);
  }

  /** Starts all threads together so that they truly race, and waits a bounded time for them. */
  private void runThreads(ThreadBody body, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CyclicBarrier start = new CyclicBarrier(count);
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < count; t++) {
        int thread = t;
        Callable<Void> task =
            () -> {
              start.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
              body.run(thread);
              return null;
            };
        futures.add(pool.submit(task));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<Void> future : futures) {
        try {
          future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e;
        } catch (TimeoutException e) {
          throw new AssertionError("threads did not finish within " + timeout, e);
        }
      }
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("threads did not stop within " + timeout);
      }
    }
  }

  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread) throws Exception;
  }
}
