package dev.sessionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sessionkit.SessionListener;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How the memory store's load plus apply holds up as the number of live sessions grows, each
 * request hitting a random one of them, beside a raw Caffeine cache of the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryScaleBenchmark {

  /** How many live sessions the store holds. */
  @Param({"1000", "10000", "100000", "1000000"})
  public int sessions;

  private MemorySessionStore store;
  private Cache<SessionKey, byte[]> raw;
  private SessionKey[] keys;
  private SessionDelta[] deltas;

  /** Fills both with the same number of sessions. */
  @Setup
  public void setUp() {
    Clock clock = Clock.systemUTC();
    // Room to spare, so that the bound never evicts during the run.
    long bound = 2L * sessions;
    store =
        MemorySessionStore.builder()
            .maximumSize(bound)
            .create(new StoreContext(clock, SessionListener.NONE));
    raw = RawCaffeine.cache(bound);
    Instant now = clock.instant();
    keys = new SessionKey[sessions];
    deltas = new SessionDelta[sessions];
    for (int i = 0; i < sessions; i++) {
      SessionKey key = Fixtures.newKey();
      SessionRecord record = Fixtures.record(key, now);
      store.create(record);
      raw.put(key, RawCaffeine.bytes(record));
      keys[i] = key;
      deltas[i] = Fixtures.delta(key, now);
    }
  }

  /** Closes the store. */
  @TearDown
  public void tearDown() {
    store.close();
  }

  /**
   * Loads a random session and applies a one-attribute delta to it.
   *
   * @return the loaded record
   */
  @Benchmark
  public Optional<SessionRecord> loadAndApply() {
    int i = ThreadLocalRandom.current().nextInt(sessions);
    Optional<SessionRecord> loaded = store.load(keys[i]);
    store.apply(deltas[i]);
    return loaded;
  }

  /**
   * The baseline of {@link #loadAndApply}: a Caffeine get and a put of a copy of a random session's
   * bytes.
   *
   * @return the bytes read
   */
  @Benchmark
  public byte[] rawLoadAndApply() {
    SessionKey key = keys[ThreadLocalRandom.current().nextInt(sessions)];
    byte[] bytes = raw.getIfPresent(key);
    // A copy, as a store that reads and writes bytes makes: putting back the very same array
    // would let Caffeine treat the write as a read.
    raw.put(key, bytes.clone());
    return bytes;
  }
}
