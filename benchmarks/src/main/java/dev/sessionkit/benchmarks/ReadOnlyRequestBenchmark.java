package dev.sessionkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A read-only request on the memory store, through the engine: the cookie header is verified, the
 * session loaded, one attribute read and the request committed (nothing to write). Beside it, the
 * least a hand-written server could do: one HMAC-SHA256 of the cookie's id with a constant-time
 * compare, and one Caffeine get of the session's bytes; and its peer, the same request on Spring
 * Session's map repository ({@link SpringPeer}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReadOnlyRequestBenchmark extends MemoryRequests {

  /**
   * A request that reads one attribute of its session and changes nothing.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object request() {
    return engine.read();
  }

  /** The request's first steps only: the context opened and the session resolved. */
  Object resolveOnly() {
    return engine.open().current();
  }

  /** The request without its commit: resolved, one attribute read. */
  Object resolveAndRead() {
    return engine.open().current().orElseThrow().getUntyped("user");
  }

  /**
   * The baseline of {@link #request}: one HMAC and a constant-time compare, one cache get.
   *
   * @return the bytes read
   */
  @Benchmark
  public byte[] rawRequest() {
    return raw.read();
  }

  /**
   * The peer of {@link #request}: the same request on Spring Session's map repository.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object peerRequest() {
    return peer.read();
  }
}
