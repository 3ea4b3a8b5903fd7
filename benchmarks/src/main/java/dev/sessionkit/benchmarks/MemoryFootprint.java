package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.memory.MemorySessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the heap a memory store needs per session: fills it with sessions of three small
 * attributes and compares used heap after full collections, beside the raw baseline of the same
 * records in a plain {@link HashMap}. Not a JMH benchmark: heap size is a state, not a rate.
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
    List<SessionRecord> records = records(sessions);
    long withRecords = usedAfterGc(memory);

    Map<Object, SessionRecord> baseline = new HashMap<>();
    records.forEach(r -> baseline.put(r.key(), r));
    long withBaseline = usedAfterGc(memory);
    baseline.clear();
    long afterBaseline = usedAfterGc(memory);

    MemorySessionStore store = MemorySessionStore.builder().maximumSize(sessions).build();
    records.forEach(store::create);
    long withStore = usedAfterGc(memory);

    System.out.printf(
        "sessions: %d (3 attributes each, principal set; %d in the store)%n",
        sessions, store.estimatedSize());
    System.out.printf(
        "records themselves:      %6d bytes/session%n", (withRecords - empty) / sessions);
    System.out.printf(
        "HashMap of records:      %6d bytes/session (records + map)%n",
        (withBaseline - empty) / sessions);
    System.out.printf(
        "MemorySessionStore:      %6d bytes/session (records + store)%n",
        (withStore - afterBaseline + (withRecords - empty)) / sessions);
    System.out.printf(
        "store overhead:          %6d bytes/session (index, expiry, eviction bookkeeping)%n",
        (withStore - afterBaseline) / sessions);
    Reference.reachabilityFence(records);
    Reference.reachabilityFence(store);
  }

  /** Sessions as a login would leave them: a user id, a role and a small cart. */
  private static List<SessionRecord> records(int count) {
    SecureRandom random = new SecureRandom();
    Instant now = Clock.systemUTC().instant();
    List<SessionRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(
          new SessionRecord(
              SessionId.generate(random).key(),
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
