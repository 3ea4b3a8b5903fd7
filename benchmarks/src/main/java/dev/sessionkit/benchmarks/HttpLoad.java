package dev.sessionkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP end to end: a hello-world servlet on embedded Jetty behind the session filter (memory store;
 * the servlet reads the user of a logged-in session), beside the same kind of servlet without the
 * filter, under concurrent keep-alive load from loopback through {@link java.net.http.HttpClient}.
 *
 * <p>Not a JMH benchmark: the two sides run in alternating timed rounds in one JVM (a round without
 * the filter, a round with it, and so on), so a machine whose load drifts slows both alike and the
 * median ratio holds; separate JMH forks, minutes apart, did not. Load is bounded: a fixed number
 * of client threads on loopback, each round a fixed time.
 *
 * <p>Each round also measures the process's CPU time per request (server and client, which share
 * the JVM and are the same on both sides). Throughput on a busy machine moves with whatever else
 * runs; CPU time per request does much less, and on a machine the server has to itself it is what
 * sets the throughput. Both are printed.
 */
public final class HttpLoad {

  private HttpLoad() {}

  /**
   * Runs the rounds and prints requests per second of each side and the filter's overhead.
   *
   * @param args rounds (default 5), seconds per round (default 2), client threads (default 4)
   * @throws Exception when the server does not start or a request fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 2;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (HelloServer server = HelloServer.start()) {
      // a longer round of each first, to warm up Jetty, the client and the JIT
      round(pool, threads, 3 * seconds, server::plain);
      round(pool, threads, 3 * seconds, server::withSession);
      round(pool, threads, 3 * seconds, server::filteredPlain);
      round(pool, threads, 3 * seconds, server::plainWithoutCookie);
      double[] plain = new double[rounds];
      double[] noCookie = new double[rounds];
      double[] filtered = new double[rounds];
      double[] untouched = new double[rounds];
      double[] plainCpu = new double[rounds];
      double[] filteredCpu = new double[rounds];
      double[] untouchedCpu = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        Round p = round(pool, threads, seconds, server::plain);
        Round f = round(pool, threads, seconds, server::withSession);
        Round u = round(pool, threads, seconds, server::filteredPlain);
        plain[r] = p.perSecond();
        plainCpu[r] = p.cpuPerRequest();
        filtered[r] = f.perSecond();
        filteredCpu[r] = f.cpuPerRequest();
        untouched[r] = u.perSecond();
        untouchedCpu[r] = u.cpuPerRequest();
        noCookie[r] = round(pool, threads, seconds, server::plainWithoutCookie).perSecond();
      }
      // Ratios of neighbouring rounds, whose load was alike, then their median.
      double[] withRatio = new double[rounds];
      double[] untouchedRatio = new double[rounds];
      double[] noCookieRatio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        withRatio[r] = filtered[r] / plain[r];
        untouchedRatio[r] = untouched[r] / plain[r];
        noCookieRatio[r] = filtered[r] / noCookie[r];
      }
      double f = median(withRatio);
      double u = median(untouchedRatio);
      double n = median(noCookieRatio);
      System.out.printf(
          Locale.ROOT,
          "HTTP %d threads, %d rounds of %d s: without filter %.0f req/s, with filter %.0f req/s;"
              + " ratio %.2f (rounds %.2f-%.2f), overhead %.1f%%%n",
          threads,
          rounds,
          seconds,
          median(plain),
          median(filtered),
          f,
          Arrays.stream(withRatio).min().orElse(f),
          Arrays.stream(withRatio).max().orElse(f),
          (1 - f) * 100);
      System.out.printf(
          Locale.ROOT,
          "HTTP filter present, session never asked for: %.0f req/s; ratio %.2f (rounds"
              + " %.2f-%.2f), overhead %.1f%%%n",
          median(untouched),
          u,
          Arrays.stream(untouchedRatio).min().orElse(u),
          Arrays.stream(untouchedRatio).max().orElse(u),
          (1 - u) * 100);
      System.out.printf(
          Locale.ROOT,
          "HTTP against a baseline request without the cookie (as 0.1 measured): %.0f req/s;"
              + " ratio %.2f (rounds %.2f-%.2f), overhead %.1f%%%n",
          median(noCookie),
          n,
          Arrays.stream(noCookieRatio).min().orElse(n),
          Arrays.stream(noCookieRatio).max().orElse(n),
          (1 - n) * 100);
      printCpu("filter with a session read", plainCpu, filteredCpu);
      printCpu("filter present, session never asked for", plainCpu, untouchedCpu);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Prints the CPU time per request of each side and the overhead it implies for a server with the
   * machine to itself: the median of neighbouring rounds' {@code 1 - plain / filtered}.
   */
  private static void printCpu(String what, double[] plain, double[] filtered) {
    double[] overhead = new double[plain.length];
    for (int r = 0; r < plain.length; r++) {
      overhead[r] = (1 - plain[r] / filtered[r]) * 100;
    }
    double o = median(overhead);
    System.out.printf(
        Locale.ROOT,
        "HTTP CPU per request (process, client included), %s: without filter %.1f µs, with filter"
            + " %.1f µs; overhead %.1f%% (rounds %.1f%% to %.1f%%)%n",
        what,
        median(plain) / 1e3,
        median(filtered) / 1e3,
        o,
        Arrays.stream(overhead).min().orElse(o),
        Arrays.stream(overhead).max().orElse(o));
  }

  /** CPU time this process has used, all threads. */
  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report its process CPU time");
  }

  /** What one round measured: requests per second, and CPU nanoseconds per request. */
  private record Round(double perSecond, double cpuPerRequest) {}

  /** Each thread sends requests until the round's time is up. */
  private static Round round(ExecutorService pool, int threads, long seconds, Request request)
      throws Exception {
    long cpu = cpuNanos();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<Long>> counts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Callable<Long> worker =
          () -> {
            long n = 0;
            while (System.nanoTime() < end) {
              request.send();
              n++;
            }
            return n;
          };
      counts.add(pool.submit(worker));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get(seconds + 30, TimeUnit.SECONDS);
    }
    return new Round(
        total / ((System.nanoTime() - start) / 1e9), (cpuNanos() - cpu) / (double) total);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** One request of one side. */
  private interface Request {
    String send() throws Exception;
  }
}
