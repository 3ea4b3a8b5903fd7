package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the heap a memory store retains per session: fills it with sessions of three small
 * attributes, drops every reference to the records it was given, and compares used heap after full
 * collections, beside the raw baseline of the same records in a plain {@link HashMap}. Not a JMH
 * benchmark: heap size is a state, not a rate.
 *
 * <p>The store keeps its own compact copy of each session, so the records handed to it are garbage
 * once inserted; counting them too would charge the store for memory it does not hold.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
 *     dev.sessionkit.benchmarks.MemoryFootprint [sessions]
 * </pre>
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  /**
   * Runs the measurement and prints bytes per session.
   *
   * @param args optionally the number of sessions (default 100000)
   */
  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    long empty = usedAfterGc(memory);
    long[] baseline = baseline(sessions, memory, empty);
    long beforeStore = usedAfterGc(memory);
    MemorySessionStore store = filledStore(sessions);
    // Drains Caffeine's buffers, so that nothing pending is counted.
    store.sweepExpired();
    long withStore = usedAfterGc(memory);

    System.out.printf(
        "sessions: %d (3 attributes each, a principal each; %d in the store)%n",
        sessions, store.estimatedSize());
    System.out.printf("records themselves:      %6d bytes/session%n", baseline[0] / sessions);
    System.out.printf(
        "HashMap of records:      %6d bytes/session (records + map)%n", baseline[1] / sessions);
    System.out.printf(
        "MemorySessionStore:      %6d bytes/session (all the store retains: keys, sessions,"
            + " principal index, expiry and eviction bookkeeping)%n",
        (withStore - beforeStore) / sessions);
    Reference.reachabilityFence(store);
  }

  /**
   * The records alone, then the records in a map; both unreachable when this returns.
   *
   * @return bytes of the records, and of the records plus the map
   */
  private static long[] baseline(int sessions, MemoryMXBean memory, long empty) {
    List<SessionRecord> records = records(sessions);
    long withRecords = usedAfterGc(memory);
    Map<SessionKey, SessionRecord> map = new HashMap<>();
    records.forEach(r -> map.put(r.key(), r));
    long withMap = usedAfterGc(memory);
    Reference.reachabilityFence(records);
    Reference.reachabilityFence(map);
    return new long[] {withRecords - empty, withMap - empty};
  }

  /** A store holding the sessions; the records it was filled from are unreachable on return. */
  private static MemorySessionStore filledStore(int sessions) {
    MemorySessionStore store =
        MemorySessionStore.builder()
            .maximumSize(sessions)
            .create(new StoreContext(Clock.systemUTC(), SessionListener.NONE));
    records(sessions).forEach(store::create);
    return store;
  }

  /** Sessions as a login would leave them: a user id, a role and a small cart. */
  private static List<SessionRecord> records(int count) {
    Instant now = Clock.systemUTC().instant();
    List<SessionRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(
          new SessionRecord(
              Fixtures.newKey(),
              now,
              now,
              Duration.ofMinutes(30),
              now.plus(Duration.ofHours(12)),
              "user-" + i,
              Map.of(
                  "user", "{\"id\":" + i + ",\"name\":\"user-" + i + "\"}",
                  "role", "\"member\"",
                  "cart", "[" + (i % 97) + "," + (i % 13) + "]")));
    }
    return records;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    // Several rounds: one System.gc() may leave work to finalization and reference queues.
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
