package dev.sessionkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A request on the memory store that sets one attribute to a new value, through the engine: the
 * cookie header verified, the session loaded, the attribute set and the change written at commit.
 * Beside it, the least a hand-written server could do ({@link RawRequest#write}: one HMAC-SHA256
 * with a constant-time compare, a Caffeine get and a put of a copy of the session's bytes), and its
 * peer, the same request on Spring Session's map repository ({@link SpringPeer}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WriteRequestBenchmark extends MemoryRequests {

  private int counter;

  /**
   * A request that sets one attribute of its session to a new value.
   *
   * @return the context committed
   */
  @Benchmark
  public Object request() {
    return engine.write();
  }

  /**
   * The baseline of {@link #request}: one HMAC and a constant-time compare, one cache get and a put
   * of a copy of the bytes.
   *
   * @return the bytes read
   */
  @Benchmark
  public byte[] rawRequest() {
    return raw.write();
  }

  /**
   * The peer of {@link #request}: the same request on Spring Session's map repository.
   *
   * @return the session written
   */
  @Benchmark
  public Object peerRequest() {
    return peer.write(++counter);
  }
}
