package dev.sessionkit.benchmarks;

import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.redis.RedisStoreBuilder;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A request that sets one attribute to a new value on every request, through the engine on the
 * Redis store with its near cache, beside the same request on the same store without it: the
 * baseline ({@code rawRequest}) is the store without the cache, so the ratio is what the cache
 * costs a page that writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheWriteBenchmark {

  private Servers.Handle server;
  private LoggedIn cached;
  private LoggedIn plain;

  /** Logs one session in on each engine. */
  @Setup
  public void setUp() {
    server = Servers.redis();
    String encoded = Fixtures.newSecret();
    cached = new LoggedIn(encoded, store().nearCache(10_000));
    plain = new LoggedIn(encoded, store());
  }

  private RedisStoreBuilder store() {
    return RedisSessionStore.builder()
        .uri(server.address())
        .keyPrefix("sessionkit-bench:" + UUID.randomUUID() + ":");
  }

  /** Logs out and closes both engines. */
  @TearDown
  public void tearDown() {
    try {
      cached.logOutAndClose();
      plain.logOutAndClose();
    } finally {
      server.close();
    }
  }

  /**
   * A request that writes one attribute, on the Redis store with its near cache.
   *
   * @return the context committed
   */
  @Benchmark
  public Object request() {
    return cached.write();
  }

  /**
   * The baseline of {@link #request}: the same request on the Redis store without a near cache.
   *
   * @return the context committed
   */
  @Benchmark
  public Object rawRequest() {
    return plain.write();
  }
}
