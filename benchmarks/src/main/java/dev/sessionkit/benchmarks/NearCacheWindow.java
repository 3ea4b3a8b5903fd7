package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Two application nodes on one Redis: A with the near cache on, B without. Each try logs a session
 * in, lets A keep it, logs it out on B and then has A load it until A refuses it; it records how
 * long after B's delete returned A first refused (A's loads in between are answered from memory, so
 * this is the time Redis's invalidation takes to reach A, plus A's one read of Redis once it has).
 * Prints the distribution over all tries, beside that of B's delete itself (one round trip to Redis
 * on the same machine), which shows how much of the window is the machine's own latency.
 *
 * <p>Not a JMH benchmark: it measures a latency per event, not a throughput.
 */
public final class NearCacheWindow {

  private NearCacheWindow() {}

  /**
   * Runs the tries and prints the distribution.
   *
   * @param args tries (default 1000)
   */
  public static void main(String[] args) {
    int tries = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    StoreContext context = new StoreContext(Clock.systemUTC(), SessionListener.NONE);
    String prefix = "sessionkit-bench:" + UUID.randomUUID() + ":";
    try (Servers.Handle server = Servers.redis();
        RedisSessionStore a =
            RedisSessionStore.builder()
                .uri(server.address())
                .keyPrefix(prefix)
                .nearCache(10_000)
                .create(context);
        RedisSessionStore b =
            RedisSessionStore.builder().uri(server.address()).keyPrefix(prefix).create(context)) {
      long[] warmUp = new long[Math.min(200, tries)];
      for (int i = 0; i < warmUp.length; i++) {
        once(a, b, context, warmUp, i); // connections, scripts, JIT
      }
      long[] windows = new long[tries];
      long[] deletes = new long[tries];
      int immediate = 0;
      for (int i = 0; i < tries; i++) {
        windows[i] = once(a, b, context, deletes, i);
        if (windows[i] < 0) {
          immediate++;
          windows[i] = -windows[i];
        }
      }
      Arrays.sort(windows);
      Arrays.sort(deletes);
      int within5ms = 0;
      for (long w : windows) {
        if (w <= 5_000_000L) {
          within5ms++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "WINDOW near cache, logout on B until A refuses, %d tries: min %s, p50 %s, p90 %s,"
              + " p99 %s, p99.9 %s, max %s; refused within 5 ms: %d/%d; refused at A's first"
              + " load: %d/%d; B's delete itself: p50 %s, p99 %s; load average %s%n",
          tries,
          micros(windows[0]),
          micros(percentile(windows, 0.50)),
          micros(percentile(windows, 0.90)),
          micros(percentile(windows, 0.99)),
          micros(percentile(windows, 0.999)),
          micros(windows[tries - 1]),
          within5ms,
          tries,
          immediate,
          tries,
          micros(percentile(deletes, 0.50)),
          micros(percentile(deletes, 0.99)),
          Interleaved.loadAverage());
    }
  }

  /**
   * One try: nanoseconds from B's delete returning to A's first refusal, negative when A's very
   * first load after the delete already refused.
   */
  private static long once(
      RedisSessionStore a, RedisSessionStore b, StoreContext context, long[] deletes, int i) {
    SessionKey key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, context.clock().instant());
    b.create(record);
    if (a.load(key).isEmpty() || a.load(key).isEmpty()) {
      throw new IllegalStateException("A did not load the session B created");
    }
    long deleting = System.nanoTime();
    if (!b.delete(key)) {
      throw new IllegalStateException("B did not delete the session");
    }
    long deleted = System.nanoTime();
    deletes[i] = deleted - deleting;
    long loads = 0;
    while (a.load(key).isPresent()) {
      loads++;
      if (System.nanoTime() - deleted > 5_000_000_000L) {
        throw new IllegalStateException("A still served the session 5 s after B deleted it");
      }
    }
    long window = System.nanoTime() - deleted;
    return loads == 0 ? -window : window;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.0f µs", nanos / 1000.0);
  }
}
