package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.internal.CookieHeaders;
import dev.sessionkit.internal.SessionId;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where the time of a read-only request on the memory store goes: the whole request and its raw
 * baseline ({@link ReadOnlyRequestBenchmark}), and beside them each step the engine takes, timed
 * alone on the same fixtures. Every step runs in 20 ms blocks, all of them in turn, 100 rounds
 * after a warm-up, so each sees the same background load; prints the median nanoseconds per
 * operation.
 *
 * <p>The steps do not add up to the request exactly (alone, a step has the caches to itself), but
 * they show which part is required work (the HMAC, the SHA-256 of the store key, the cache get) and
 * which is the engine's own.
 *
 * <p>Usage: {@code ReadOnlyStages}.
 */
public final class ReadOnlyStages {

  private static final int ROUNDS = 100;
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  private ReadOnlyStages() {}

  /**
   * Runs the steps and prints one line each.
   *
   * @param args none
   * @throws Exception when a set-up fails
   */
  public static void main(String[] args) throws Exception {
    ReadOnlyRequestBenchmark request = new ReadOnlyRequestBenchmark();
    request.setUp();
    CookieBenchmark cookie = new CookieBenchmark();
    cookie.setUp();
    SessionStore store =
        MemorySessionStore.builder()
            .create(new StoreContext(Clock.systemUTC(), SessionListener.NONE));
    SessionKey key = Fixtures.newKey();
    store.create(Fixtures.record(key, Clock.systemUTC().instant()));
    String id = SessionId.generate(new SecureRandom()).value();
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    List<String> headers = List.of("sid=" + id + ".0123456789012345678901234567890123456789012");
    Clock clock = Clock.systemUTC();

    Map<String, Callable<?>> steps = new LinkedHashMap<>();
    steps.put("request: cookie header to attribute, commit", request::request);
    steps.put("  the same without the commit", request::resolveAndRead);
    steps.put("  the same without the attribute read", request::resolveOnly);
    steps.put("raw baseline: HMAC + compare + Caffeine get", request::rawRequest);
    steps.put("  raw HMAC + compare alone", cookie::rawVerify);
    steps.put(
        "cookie header parse (CookieHeaders.values)", () -> CookieHeaders.values(headers, "sid"));
    steps.put("cookie verify (CookieSigner.verify)", cookie::verify);
    steps.put("id shape check (SessionId.of)", () -> SessionId.of(id));
    steps.put("id shape check + store key (SessionId.of(id).key())", () -> SessionId.of(id).key());
    steps.put("  SHA-256 of the id alone", () -> sha256.digest(idBytes));
    steps.put("memory store load (MemorySessionStore.load)", () -> store.load(key));
    steps.put("clock read (Clock.instant)", clock::instant);

    long warm = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warm) {
      for (Callable<?> step : steps.values()) {
        Interleaved.block(step);
      }
    }
    Map<String, double[]> nanos = new LinkedHashMap<>();
    steps.keySet().forEach(name -> nanos.put(name, new double[ROUNDS]));
    for (int r = 0; r < ROUNDS; r++) {
      for (Map.Entry<String, Callable<?>> step : steps.entrySet()) {
        nanos.get(step.getKey())[r] = 1e9 / Interleaved.block(step.getValue());
      }
    }
    for (Map.Entry<String, double[]> e : nanos.entrySet()) {
      double[] n = e.getValue();
      Arrays.sort(n);
      System.out.printf(
          Locale.ROOT,
          "STAGE %-55s %8.1f ns (quartiles %.1f-%.1f)%n",
          e.getKey(),
          n[ROUNDS / 2],
          n[ROUNDS / 4],
          n[3 * ROUNDS / 4]);
    }
    System.out.println("STAGE load average " + Interleaved.loadAverage());
    store.close();
    request.tearDown();
  }
}
