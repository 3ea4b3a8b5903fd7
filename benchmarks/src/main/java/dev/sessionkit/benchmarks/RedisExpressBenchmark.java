package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionListener;
import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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

/**
 * The Redis store's connect-redis layout: load, apply and touch, each beside what connect-redis
 * itself sends for them ({@code GET}, a {@code SET … EX} of the whole record, {@code EXPIRE}) on
 * the same connection to the same server. The apply merges one attribute into the stored JSON on
 * the server (a Lua script); connect-redis writes back the whole object it read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisExpressBenchmark {

  private Servers.Handle server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;
  private String prefix;
  private SessionStore store;

  private SessionKey key;
  private SessionDelta delta;
  private Instant touchedAt;
  private Instant touchedUntil;

  private String rawKey;
  private String rawJson;
  private long rawTtlSeconds;

  /** Connects and stores one session through the store and a copy of its JSON for the raw side. */
  @Setup
  public void setUp() {
    server = Servers.redis();
    client = RedisClient.create(server.address());
    connection = client.connect();
    redis = connection.sync();
    prefix = "sessionkit-bench:" + UUID.randomUUID() + ":sess:";
    Clock clock = Clock.systemUTC();
    store =
        RedisSessionStore.builder()
            .connection(connection)
            .keyPrefix(prefix)
            .expressLayout()
            .create(new StoreContext(clock, SessionListener.NONE));
    Instant now = clock.instant();
    key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, now);
    store.create(record);
    delta = Fixtures.delta(key, now);
    touchedAt = now;
    touchedUntil = now.plus(Fixtures.IDLE_TIMEOUT);
    rawKey = prefix + "raw";
    rawJson = ExpressSessionJson.encode(record);
    rawTtlSeconds = Fixtures.IDLE_TIMEOUT.toSeconds();
    redis.set(rawKey, rawJson, SetArgs.Builder.ex(rawTtlSeconds));
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
   * The baseline of {@link #load}: connect-redis's {@code GET}.
   *
   * @return the JSON
   */
  @Benchmark
  public String rawLoad() {
    return redis.get(rawKey);
  }

  /**
   * Merges a one-attribute delta into the stored JSON through the store.
   *
   * @return whether it was applied
   */
  @Benchmark
  public boolean apply() {
    return store.apply(delta);
  }

  /**
   * The baseline of {@link #apply}: connect-redis's {@code SET … EX} of the whole record.
   *
   * @return the reply
   */
  @Benchmark
  public String rawApply() {
    return redis.set(rawKey, rawJson, SetArgs.Builder.ex(rawTtlSeconds));
  }

  /**
   * Moves the session's end through the store ({@code cookie.expires} and the TTL).
   *
   * @return whether it was touched
   */
  @Benchmark
  public boolean touch() {
    return store.touch(key, touchedAt, touchedUntil);
  }

  /**
   * The baseline of {@link #touch}: connect-redis's {@code EXPIRE}.
   *
   * @return whether the expiry was set
   */
  @Benchmark
  public boolean rawTouch() {
    return redis.expire(rawKey, rawTtlSeconds);
  }
}
