package dev.sessionkit.benchmarks;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.StoreFactory;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
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
  private Node redis;
  private Node memory;

  /** Logs one session in on each engine. */
  @Setup
  public void setUp() {
    server = Servers.redis();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String encoded = Base64.getEncoder().encodeToString(secret);
    redis =
        new Node(
            encoded,
            RedisSessionStore.builder()
                .uri(server.address())
                .keyPrefix("sessionkit-bench:" + UUID.randomUUID() + ":")
                .nearCache(10_000));
    memory = new Node(encoded, MemorySessionStore.builder());
  }

  /** Logs out and closes both engines. */
  @TearDown
  public void tearDown() {
    try {
      redis.close();
      memory.close();
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
    return redis.request();
  }

  /**
   * The baseline of {@link #request}: the same request on the memory store.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object rawRequest() {
    return memory.request();
  }

  /** One engine with one logged-in session. */
  private static final class Node {
    private final SessionManager manager;
    private final List<String> cookieHeaders;

    Node(String secret, StoreFactory store) {
      manager = SessionManager.create(SessionConfig.builder().secret(secret).build(), store);
      SessionContext login = manager.open(List.of(), true);
      Session session = login.getOrCreate();
      Fixtures.ATTRIBUTES.keySet().forEach(name -> session.set(name, name));
      session.setPrincipal("alice");
      SetCookie setCookie = login.commit().orElseThrow();
      cookieHeaders = List.of(setCookie.name() + "=" + setCookie.value());
    }

    Object request() {
      SessionContext context = manager.open(cookieHeaders, true);
      Object user = context.current().orElseThrow().getUntyped("user");
      context.commit();
      return user;
    }

    void close() {
      SessionContext logout = manager.open(cookieHeaders, true);
      logout.current().ifPresent(Session::invalidate);
      logout.commit();
      manager.close();
    }
  }
}
