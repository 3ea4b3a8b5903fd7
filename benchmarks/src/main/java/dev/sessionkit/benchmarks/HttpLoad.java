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
 * the servlet reads the user of a logged-in session, or sets one attribute), beside the same kind
 * of servlet without the filter and behind Spring Session's filter on its map repository (the
 * peer), under concurrent keep-alive load from loopback through {@link java.net.http.HttpClient}.
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

  private static final int PLAIN = 0;
  private static final int READ = 1;
  private static final int UNTOUCHED = 2;
  private static final int NO_COOKIE = 3;
  private static final int WRITE = 4;
  private static final int SPRING_READ = 5;
  private static final int SPRING_WRITE = 6;

  private HttpLoad() {}

  /** A side's throughput over the baseline's: median of neighbouring rounds, and their range. */
  private record Overhead(double ratio, double min, double max) {
    double percent() {
      return (1 - ratio) * 100;
    }
  }

  private static Overhead overhead(double[] side, double[] baseline) {
    double[] ratios = new double[side.length];
    for (int r = 0; r < side.length; r++) {
      ratios[r] = side[r] / baseline[r];
    }
    double m = median(ratios);
    return new Overhead(
        m, Arrays.stream(ratios).min().orElse(m), Arrays.stream(ratios).max().orElse(m));
  }

  /**
   * Prints SessionKit's filter beside Spring Session's on the same kind of servlet: each one's
   * overhead over the servlet without a filter, and SessionKit's throughput over Spring's.
   */
  private static void printPeer(String what, double[] ours, double[] spring, double[] plain) {
    Overhead o = overhead(ours, plain);
    Overhead p = overhead(spring, plain);
    Overhead toPeer = overhead(ours, spring);
    System.out.printf(
        Locale.ROOT,
        "HTTP servlet that %s: SessionKit filter %.0f req/s, overhead %.1f%% (rounds %.1f%% to"
            + " %.1f%%); Spring Session filter %.0f req/s, overhead %.1f%% (rounds %.1f%% to"
            + " %.1f%%); SessionKit / Spring %.2f (rounds %.2f-%.2f)%n",
        what,
        median(ours),
        o.percent(),
        (1 - o.max()) * 100,
        (1 - o.min()) * 100,
        median(spring),
        p.percent(),
        (1 - p.max()) * 100,
        (1 - p.min()) * 100,
        toPeer.ratio(),
        toPeer.min(),
        toPeer.max());
  }

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
      Request[] sides = {
        server::plain,
        server::withSession,
        server::filteredPlain,
        server::plainWithoutCookie,
        server::write,
        server::springRead,
        server::springWrite
      };
      // a longer round of each first, to warm up Jetty, the client and the JIT
      for (Request side : sides) {
        round(pool, threads, 3 * seconds, side);
      }
      double[][] perSecond = new double[sides.length][rounds];
      double[][] cpu = new double[sides.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < sides.length; i++) {
          // every other round runs the sides backwards, so that no side always follows another
          int side = r % 2 == 0 ? i : sides.length - 1 - i;
          Round done = round(pool, threads, seconds, sides[side]);
          perSecond[side][r] = done.perSecond();
          cpu[side][r] = done.cpuPerRequest();
        }
      }
      double[] plain = perSecond[PLAIN];
      Overhead read = overhead(perSecond[READ], plain);
      System.out.printf(
          Locale.ROOT,
          "HTTP %d threads, %d rounds of %d s: without filter %.0f req/s, with filter %.0f req/s;"
              + " ratio %.2f (rounds %.2f-%.2f), overhead %.1f%%%n",
          threads,
          rounds,
          seconds,
          median(plain),
          median(perSecond[READ]),
          read.ratio(),
          read.min(),
          read.max(),
          read.percent());
      Overhead untouched = overhead(perSecond[UNTOUCHED], plain);
      System.out.printf(
          Locale.ROOT,
          "HTTP filter present, session never asked for: %.0f req/s; ratio %.2f (rounds"
              + " %.2f-%.2f), overhead %.1f%%%n",
          median(perSecond[UNTOUCHED]),
          untouched.ratio(),
          untouched.min(),
          untouched.max(),
          untouched.percent());
      Overhead noCookie = overhead(perSecond[READ], perSecond[NO_COOKIE]);
      System.out.printf(
          Locale.ROOT,
          "HTTP against a baseline request without the cookie (as 0.1 measured): %.0f req/s;"
              + " ratio %.2f (rounds %.2f-%.2f), overhead %.1f%%%n",
          median(perSecond[NO_COOKIE]),
          noCookie.ratio(),
          noCookie.min(),
          noCookie.max(),
          noCookie.percent());
      printPeer("reads one attribute", perSecond[READ], perSecond[SPRING_READ], plain);
      printPeer("sets one attribute", perSecond[WRITE], perSecond[SPRING_WRITE], plain);
      printCpu("filter with a session read", cpu[PLAIN], cpu[READ]);
      printCpu("filter present, session never asked for", cpu[PLAIN], cpu[UNTOUCHED]);
      printCpu("filter with one attribute set", cpu[PLAIN], cpu[WRITE]);
      printCpu("Spring Session's filter with one attribute set", cpu[PLAIN], cpu[SPRING_WRITE]);
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
