package dev.sessionkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A benchmark pair in one JVM, interleaved: 20 ms of SessionKit's operation, 20 ms of its raw
 * baseline, order alternating, 300 rounds after a 5 s warm-up; prints the median and quartiles of
 * the per-round ratios. Blocks this short see the same background load, so on a busy machine the
 * ratio is steadier than JMH forks seconds or minutes apart, whose rounds of the two sides meet
 * different load. The pairs are the JMH benchmarks' own state classes and methods.
 *
 * <p>Usage: {@code Interleaved [pair ...]}, pairs among {@link #PAIRS}' names; all without one.
 */
public final class Interleaved {

  private static final long BLOCK_NANOS = 20_000_000L;
  private static final int ROUNDS = 300;
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  private static volatile Object sink;

  /** The pairs by name: what a round measures, and how to set it up. */
  private static final Map<String, Callable<Pair>> PAIRS = new LinkedHashMap<>();

  static {
    PAIRS.put(
        "cookie-verify",
        () -> {
          CookieBenchmark b = new CookieBenchmark();
          b.setUp();
          return new Pair("cookie verify / raw HMAC", b::verify, b::rawVerify, () -> {});
        });
    PAIRS.put(
        "read-only",
        () -> {
          ReadOnlyRequestBenchmark b = new ReadOnlyRequestBenchmark();
          b.setUp();
          return new Pair(
              "read-only request / HMAC + Caffeine get", b::request, b::rawRequest, b::tearDown);
        });
    PAIRS.put(
        "read-only-peer",
        () -> {
          ReadOnlyRequestBenchmark b = new ReadOnlyRequestBenchmark();
          b.setUp();
          return new Pair(
              "read-only request / Spring Session map repository",
              b::request,
              b::peerRequest,
              b::tearDown);
        });
    PAIRS.put(
        "write",
        () -> {
          WriteRequestBenchmark b = new WriteRequestBenchmark();
          b.setUp();
          return new Pair(
              "one-attribute write request / HMAC + Caffeine get + put",
              b::request,
              b::rawRequest,
              b::tearDown);
        });
    PAIRS.put(
        "write-peer",
        () -> {
          WriteRequestBenchmark b = new WriteRequestBenchmark();
          b.setUp();
          return new Pair(
              "one-attribute write request / Spring Session map repository",
              b::request,
              b::peerRequest,
              b::tearDown);
        });
    PAIRS.put(
        "memory",
        () -> {
          MemoryStoreBenchmark b = new MemoryStoreBenchmark();
          b.setUp();
          return new Pair(
              "memory load + apply / Caffeine get + put",
              b::loadAndApply,
              b::rawLoadAndApply,
              b::tearDown);
        });
    PAIRS.put(
        "memory-peer",
        () -> {
          MemoryStoreBenchmark b = new MemoryStoreBenchmark();
          b.setUp();
          return new Pair(
              "memory load + apply / Spring Session findById + save",
              b::loadAndApply,
              b::peerLoadAndApply,
              b::tearDown);
        });
    PAIRS.put(
        "redis-load",
        () -> {
          RedisStoreBenchmark b = new RedisStoreBenchmark();
          b.open(false);
          return new Pair("Redis load / HGETALL", b::load, b::rawLoad, b::tearDown);
        });
    PAIRS.put(
        "redis-apply",
        () -> {
          RedisStoreBenchmark b = new RedisStoreBenchmark();
          b.open(false);
          return new Pair("Redis apply / HSET", b::apply, b::rawApply, b::tearDown);
        });
    PAIRS.put(
        "redis-touch",
        () -> {
          RedisStoreBenchmark b = new RedisStoreBenchmark();
          b.open(false);
          return new Pair("Redis touch / PEXPIRE", b::touch, b::rawTouch, b::tearDown);
        });
    PAIRS.put(
        "near-cache",
        () -> {
          RedisNearCacheRequestBenchmark b = new RedisNearCacheRequestBenchmark();
          b.setUp();
          return new Pair(
              "read-only request, near cache / memory store",
              b::request,
              b::rawRequest,
              b::tearDown);
        });
    PAIRS.put(
        "near-cache-write",
        () -> {
          RedisNearCacheWriteBenchmark b = new RedisNearCacheWriteBenchmark();
          b.setUp();
          return new Pair(
              "one-attribute write request, near cache / without",
              b::request,
              b::rawRequest,
              b::tearDown);
        });
  }

  private Interleaved() {}

  /**
   * Runs the named pairs (all without arguments) and prints a line for each.
   *
   * @param args names of pairs
   * @throws Exception when a pair cannot be set up (a server it needs is missing)
   */
  public static void main(String[] args) throws Exception {
    for (String name : args.length == 0 ? PAIRS.keySet().toArray(String[]::new) : args) {
      Callable<Pair> setUp = PAIRS.get(name);
      if (setUp == null) {
        throw new IllegalArgumentException("no pair " + name + "; pairs: " + PAIRS.keySet());
      }
      Pair pair = setUp.call();
      try {
        run(pair);
      } finally {
        pair.close().run();
      }
    }
  }

  private static void run(Pair pair) throws Exception {
    long warm = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warm) {
      sink = pair.ours().call();
      sink = pair.raw().call();
    }
    double[] ratios = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      boolean oursFirst = r % 2 == 0;
      double first = block(oursFirst ? pair.ours() : pair.raw());
      double second = block(oursFirst ? pair.raw() : pair.ours());
      ratios[r] = oursFirst ? first / second : second / first;
    }
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "INTERLEAVED %s: median %.2f, quartiles %.2f-%.2f, %d rounds of 2 x 20 ms; load average"
            + " %s%n",
        pair.name(),
        ratios[ROUNDS / 2],
        ratios[ROUNDS / 4],
        ratios[3 * ROUNDS / 4],
        ROUNDS,
        loadAverage());
  }

  /** Operations per second of one side over one block. */
  static double block(Callable<?> operation) throws Exception {
    long start = System.nanoTime();
    long stop = start + BLOCK_NANOS;
    long done = 0;
    while (System.nanoTime() < stop) {
      for (int i = 0; i < 16; i++) {
        sink = operation.call();
      }
      done += 16;
    }
    return done / ((System.nanoTime() - start) / 1e9);
  }

  /** The machine's load average as {@code /proc/loadavg} gives it, for the lines printed. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** SessionKit's operation and its raw baseline, with what ends the set-up. */
  private record Pair(String name, Callable<?> ours, Callable<?> raw, Runnable close) {}
}
