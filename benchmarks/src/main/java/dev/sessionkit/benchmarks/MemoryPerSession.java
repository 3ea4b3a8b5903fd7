package dev.sessionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sessionkit.SessionKey;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.memory.MemorySessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Measures the heap one stored session costs in the memory store, beside a raw Caffeine cache of
 * the same sessions as bytes: heap used after full collections, before and after storing them,
 * divided by their number.
 */
public final class MemoryPerSession {

  private MemoryPerSession() {}

  /**
   * Prints bytes per session for both.
   *
   * @param args how many sessions to store (default 100000)
   */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Clock clock = Clock.systemUTC();
    Instant now = clock.instant();

    SessionRecord[] records = new SessionRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] = Fixtures.record(Fixtures.newKey(), now);
    }

    MemorySessionStore store =
        MemorySessionStore.builder().clock(clock).maximumSize(2L * count).build();
    double storeBytes = perSession(count, i -> store.create(copy(records[i])));
    Cache<SessionKey, byte[]> raw = RawCaffeine.cache(2L * count);
    double rawBytes =
        perSession(count, i -> raw.put(copyKey(records[i]), RawCaffeine.bytes(records[i])));

    System.out.printf(
        Locale.ROOT,
        "MEMORY %d sessions of 3 attributes: memory store %.0f bytes/session, raw Caffeine"
            + " (key + JSON bytes) %.0f bytes/session, ratio %.2f%n",
        count,
        storeBytes,
        rawBytes,
        storeBytes / rawBytes);
    if (store.estimatedSize() != count || raw.estimatedSize() != count) {
      throw new IllegalStateException("sessions were evicted during the measurement");
    }
    // Everything measured, and the templates, stay reachable until both figures are taken.
    Reference.reachabilityFence(records);
    Reference.reachabilityFence(raw);
    store.close();
  }

  /** Heap growth per item while {@code fill} stores {@code count} items, with full GCs around. */
  private static double perSession(int count, IntConsumer fill) {
    long before = usedAfterGc();
    for (int i = 0; i < count; i++) {
      fill.accept(i);
    }
    long after = usedAfterGc();
    return (after - before) / (double) count;
  }

  /** A record that shares no objects with the template, so that its whole cost is counted. */
  private static SessionRecord copy(SessionRecord r) {
    return new SessionRecord(
        copyKey(r),
        r.creationTime(),
        r.lastAccessTime(),
        r.idleTimeout(),
        r.absoluteDeadline(),
        fresh(r.principal()),
        fresh(r.attributes()));
  }

  /** Attribute names and values as the engine would hand them over: new strings per session. */
  private static Map<String, String> fresh(Map<String, String> attributes) {
    Map<String, String> copy = new HashMap<>();
    attributes.forEach((k, v) -> copy.put(fresh(k), fresh(v)));
    return copy;
  }

  private static SessionKey copyKey(SessionRecord r) {
    return new SessionKey(fresh(r.key().value()));
  }

  /** A string with its own characters; {@code new String(String)} would share them. */
  private static String fresh(String s) {
    return new String(s.toCharArray());
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
