package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
 * The Redis store's load, apply and touch, each beside the command a hand-written client would send
 * ({@code HGETALL}, {@code HSET}, {@code PEXPIRE}) on the same connection to the same server.
 * Before measuring, it prints the commands each operation sends (counted on the client) and the
 * commands the server executed for it ({@code INFO commandstats}, which also counts commands run
 * inside a script).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisStoreBenchmark {

  private Servers.Handle server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;
  private final CommandCounter counter = new CommandCounter();
  private String prefix;
  private RedisSessionStore store;

  private SessionKey key;
  private SessionDelta delta;
  private Instant touchedAt;
  private Instant touchedUntil;

  private String rawKey;
  private Map<String, String> rawChange;
  private long rawTtlMillis;

  /**
   * Connects, stores one session through the store and a copy of its hash for the raw side, and (in
   * the fork of {@link #load}) prints the commands per operation.
   *
   * @param params which benchmark this fork runs
   */
  @Setup
  public void setUp(BenchmarkParams params) {
    // every method runs in a fork of its own; one report is enough
    open(params.getBenchmark().endsWith(".load"));
  }

  /**
   * Connects and stores the session on both sides, as {@link #setUp} does outside JMH.
   *
   * @param report whether to print the commands per operation
   */
  public void open(boolean report) {
    server = Servers.redis();
    client = RedisClient.create(server.address());
    client.addListener(counter);
    connection = client.connect();
    redis = connection.sync();
    prefix = "sessionkit-bench:" + UUID.randomUUID() + ":";
    Clock clock = Clock.systemUTC();
    store =
        RedisSessionStore.builder()
            .connection(connection)
            .keyPrefix(prefix)
            .create(new StoreContext(clock, SessionListener.NONE));

    Instant now = clock.instant();
    key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, now);
    store.create(record);
    delta = Fixtures.delta(key, now);
    touchedAt = now;
    touchedUntil = now.plus(Fixtures.IDLE_TIMEOUT);

    // The raw side works on the very bytes the store wrote, under a key of its own.
    String storeKey = RedisRoundTrips.onlyKey(redis, prefix);
    rawKey = prefix + "raw";
    redis.hset(rawKey, redis.hgetall(storeKey));
    rawChange = Map.of("attr:" + Fixtures.CHANGED_NAME, Fixtures.CHANGED_VALUE, "lastAccess", "0");
    rawTtlMillis = Fixtures.IDLE_TIMEOUT.toMillis();

    if (!report) {
      return;
    }
    RedisRoundTrips rounds = new RedisRoundTrips(redis, counter);
    rounds.report("load", () -> store.load(key));
    rounds.report("rawLoad (HGETALL)", () -> redis.hgetall(rawKey));
    rounds.report("apply", () -> store.apply(delta));
    rounds.report("rawApply (HSET)", () -> redis.hset(rawKey, rawChange));
    rounds.report("touch", () -> store.touch(key, touchedAt, touchedUntil));
    rounds.report("rawTouch (PEXPIRE)", () -> redis.pexpire(rawKey, rawTtlMillis));
  }

  /** Deletes what this run wrote and closes everything it opened. */
  @TearDown
  public void tearDown() {
    try {
      store.delete(key);
      redis.del(rawKey);
      store.close();
      connection.close();
      client.shutdown();
    } finally {
      server.close();
    }
  }

  /**
   * Loads the session through the store.
   *
   * @return the record
   */
  @Benchmark
  public Optional<SessionRecord> load() {
    return store.load(key);
  }

  /**
   * The baseline of {@link #load}: {@code HGETALL} of the same hash.
   *
   * @return the hash
   */
  @Benchmark
  public Map<String, String> rawLoad() {
    return redis.hgetall(rawKey);
  }

  /**
   * Applies a one-attribute delta through the store.
   *
   * @return whether it was applied
   */
  @Benchmark
  public boolean apply() {
    return store.apply(delta);
  }

  /**
   * The baseline of {@link #apply}: one {@code HSET} of the attribute and the access time.
   *
   * @return the number of fields added
   */
  @Benchmark
  public long rawApply() {
    return redis.hset(rawKey, rawChange);
  }

  /**
   * Moves the session's idle expiry through the store.
   *
   * @return whether it was touched
   */
  @Benchmark
  public boolean touch() {
    return store.touch(key, touchedAt, touchedUntil);
  }

  /**
   * The baseline of {@link #touch}: one {@code PEXPIRE}.
   *
   * @return whether the expiry was set
   */
  @Benchmark
  public boolean rawTouch() {
    return redis.pexpire(rawKey, rawTtlMillis);
  }
}
