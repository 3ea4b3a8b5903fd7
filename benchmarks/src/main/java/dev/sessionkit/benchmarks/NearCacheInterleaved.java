package dev.sessionkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link RedisNearCacheRequestBenchmark}'s pair in one JVM, interleaved: 20 ms of requests on the
 * Redis store with its near cache, 20 ms on the memory store, order alternating, 300 rounds after a
 * 5 s warm-up; prints the median and quartiles of the per-round ratios. Blocks this short see the
 * same background load, so on a busy machine this is steadier than JMH forks minutes apart.
 */
public final class NearCacheInterleaved {

  private static final long BLOCK_NANOS = 20_000_000L;
  private static final int ROUNDS = 300;

  private static volatile Object sink;

  private NearCacheInterleaved() {}

  /**
   * Runs the rounds and prints the ratios.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    RedisNearCacheRequestBenchmark pair = new RedisNearCacheRequestBenchmark();
    pair.setUp();
    try {
      long warm = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < warm) {
        sink = pair.request();
        sink = pair.rawRequest();
      }
      double[] ratios = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        boolean nearFirst = r % 2 == 0;
        double first = block(pair, nearFirst);
        double second = block(pair, !nearFirst);
        ratios[r] = nearFirst ? first / second : second / first;
      }
      Arrays.sort(ratios);
      System.out.printf(
          Locale.ROOT,
          "INTERLEAVED read-only request, near cache / memory store: median %.2f, quartiles"
              + " %.2f-%.2f, %d rounds of 2 x 20 ms; load average %s%n",
          ratios[ROUNDS / 2],
          ratios[ROUNDS / 4],
          ratios[3 * ROUNDS / 4],
          ROUNDS,
          loadAverage());
    } finally {
      pair.tearDown();
    }
  }

  /** Requests per second of one side over one block. */
  private static double block(RedisNearCacheRequestBenchmark pair, boolean near) {
    long start = System.nanoTime();
    long stop = start + BLOCK_NANOS;
    long requests = 0;
    while (System.nanoTime() < stop) {
      for (int i = 0; i < 64; i++) {
        sink = near ? pair.request() : pair.rawRequest();
      }
      requests += 64;
    }
    return requests / ((System.nanoTime() - start) / 1e9);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
