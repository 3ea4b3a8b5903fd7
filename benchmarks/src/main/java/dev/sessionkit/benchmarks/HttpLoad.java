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
      for (int r = 0; r < rounds; r++) {
        plain[r] = round(pool, threads, seconds, server::plain);
        filtered[r] = round(pool, threads, seconds, server::withSession);
        untouched[r] = round(pool, threads, seconds, server::filteredPlain);
        noCookie[r] = round(pool, threads, seconds, server::plainWithoutCookie);
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
    } finally {
      pool.shutdownNow();
    }
  }

  /** Each thread sends requests until the round's time is up; returns requests per second. */
  private static double round(ExecutorService pool, int threads, long seconds, Request request)
      throws Exception {
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
    return total / ((System.nanoTime() - start) / 1e9);
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
