package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A read-only request's load of a session the Redis store's near cache keeps, beside the memory
 * store's load of the same session: here the baseline ({@code rawLoad}) is the memory store, the
 * fastest store there is, not a raw Redis command. The near cache keeps entries for its default
 * maximum age (1 s) on the system clock, so about once a second a load reads Redis again, as it
 * would in production. Before measuring, it prints the commands a cached load costs (counted on the
 * client and by {@code INFO commandstats}): zero.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheBenchmark {

  private Servers.Handle server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> admin;
  private final CommandCounter counter = new CommandCounter();
  private RedisSessionStore near;
  private MemorySessionStore memory;
  private SessionKey key;

  /**
   * Stores one session in each store, loads it once through the near cache, and (in the fork of
   * {@link #load}) prints the commands per cached load.
   *
   * @param params which benchmark this fork runs
   */
  @Setup
  public void setUp(BenchmarkParams params) {
    server = Servers.redis();
    client = RedisClient.create(server.address());
    client.addListener(counter);
    admin = client.connect();
    Clock clock = Clock.systemUTC();
    StoreContext context = new StoreContext(clock, SessionListener.NONE);
    near =
        RedisSessionStore.builder()
            .client(client)
            .keyPrefix("sessionkit-bench:" + UUID.randomUUID() + ":")
            .nearCache(10_000)
            .create(context);
    memory = MemorySessionStore.builder().create(context);
    Instant now = clock.instant();
    key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, now);
    near.create(record);
    memory.create(record);
    if (near.load(key).isEmpty() || memory.load(key).isEmpty()) {
      throw new IllegalStateException("the session did not load back");
    }
    if (params.getBenchmark().endsWith(".load")) {
      new RedisRoundTrips(admin.sync(), counter).report("near cache load", () -> near.load(key));
    }
  }

  /** Deletes the session and closes everything this run opened. */
  @TearDown
  public void tearDown() {
    try {
      near.delete(key);
      near.close();
      memory.close();
      admin.close();
      client.shutdown();
    } finally {
      server.close();
    }
  }

  /**
   * Loads the session through the Redis store with its near cache.
   *
   * @return the record
   */
  @Benchmark
  public Optional<SessionRecord> load() {
    return near.load(key);
  }

  /**
   * The baseline of {@link #load}: the memory store's load of the same session.
   *
   * @return the record
   */
  @Benchmark
  public Optional<SessionRecord> rawLoad() {
    return memory.load(key);
  }
}
