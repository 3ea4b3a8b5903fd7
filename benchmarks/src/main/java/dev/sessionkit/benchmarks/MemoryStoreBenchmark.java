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
 * The memory store's load plus a one-attribute delta on a session with three attributes, beside a
 * raw Caffeine cache that gets and puts back the same session as bytes, and beside Spring Session's
 * map repository finding, changing and saving its session ({@link SpringPeer}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryStoreBenchmark {

  private MemorySessionStore store;
  private SessionKey key;
  private SessionDelta delta;
  private Cache<SessionKey, byte[]> raw;
  private SpringPeer peer;

  /** Stores one session in each. */
  @Setup
  public void setUp() {
    Clock clock = Clock.systemUTC();
    store = MemorySessionStore.builder().create(new StoreContext(clock, SessionListener.NONE));
    raw = RawCaffeine.cache(MemorySessionStore.DEFAULT_MAXIMUM_SIZE);
    Instant now = clock.instant();
    key = Fixtures.newKey();
    SessionRecord record = Fixtures.record(key, now);
    store.create(record);
    raw.put(key, RawCaffeine.bytes(record));
    delta = Fixtures.delta(key, now);
    peer = new SpringPeer();
  }

  /** Closes the store. */
  @TearDown
  public void tearDown() {
    store.close();
  }

  /**
   * Loads the session and applies the delta, as a request that changes one attribute does.
   *
   * @return the loaded record
   */
  @Benchmark
  public Optional<SessionRecord> loadAndApply() {
    Optional<SessionRecord> loaded = store.load(key);
    store.apply(delta);
    return loaded;
  }

  /**
   * The baseline of {@link #loadAndApply}: a Caffeine get and a put of a copy of the same bytes.
   *
   * @return the bytes read
   */
  @Benchmark
  public byte[] rawLoadAndApply() {
    byte[] bytes = raw.getIfPresent(key);
    // A copy, as a store that reads and writes bytes makes: putting back the very same array
    // would let Caffeine treat the write as a read.
    raw.put(key, bytes.clone());
    return bytes;
  }

  /**
   * The peer of {@link #loadAndApply}: Spring Session's map repository finds the session, sets the
   * attribute and saves it.
   *
   * @return the session written
   */
  @Benchmark
  public Object peerLoadAndApply() {
    return peer.findAndSave(Fixtures.CHANGED_VALUE);
  }
}
