package dev.sessionkit.benchmarks;

import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
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
 * A read-only request through the engine (cookie verified, session loaded, one attribute read,
 * request committed) on the Redis store with its near cache, beside the same request on the memory
 * store: the baseline ({@code rawRequest}) is the memory store, not a raw command. On the system
 * clock, the near cache reads Redis again once a second (its default maximum age) and the engine
 * touches the session once a minute (its default touch interval), as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheRequestBenchmark {

  private Servers.Handle server;
  private LoggedIn redis;
  private LoggedIn memory;

  /** Logs one session in on each engine. */
  @Setup
  public void setUp() {
    server = Servers.redis();
    String encoded = Fixtures.newSecret();
    redis =
        new LoggedIn(
            encoded,
            RedisSessionStore.builder()
                .uri(server.address())
                .keyPrefix("sessionkit-bench:" + UUID.randomUUID() + ":")
                .nearCache(10_000));
    memory = new LoggedIn(encoded, MemorySessionStore.builder());
  }

  /** Logs out and closes both engines. */
  @TearDown
  public void tearDown() {
    try {
      redis.logOutAndClose();
      memory.logOutAndClose();
    } finally {
      server.close();
    }
  }

  /**
   * A read-only request on the Redis store with its near cache.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object request() {
    return redis.read();
  }

  /**
   * The baseline of {@link #request}: the same request on the memory store.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object rawRequest() {
    return memory.read();
  }
}
