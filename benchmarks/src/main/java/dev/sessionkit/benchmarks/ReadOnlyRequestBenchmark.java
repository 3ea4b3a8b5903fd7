package dev.sessionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.memory.MemorySessionStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A read-only request on the memory store, through the engine: the cookie header is verified, the
 * session loaded, one attribute read and the request committed (nothing to write). Beside it, the
 * least a hand-written server could do: one HMAC-SHA256 of the cookie's id with a constant-time
 * compare, and one Caffeine get of the session's bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReadOnlyRequestBenchmark {

  private SessionManager manager;
  private List<String> cookieHeaders;

  private Mac mac;
  private byte[] message;
  private byte[] signature;
  private Cache<String, byte[]> raw;
  private String rawId;

  /**
   * Logs one session in through the engine, and stores the same session in the raw cache.
   *
   * @throws GeneralSecurityException never on a JDK, which must provide HmacSHA256
   */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    manager =
        SessionManager.create(
            SessionConfig.builder().secret(Base64.getEncoder().encodeToString(secret)).build(),
            MemorySessionStore.builder());
    SessionContext login = manager.open(List.of(), true);
    Session session = login.getOrCreate();
    Fixtures.ATTRIBUTES.keySet().forEach(name -> session.set(name, name));
    session.setPrincipal("alice");
    SetCookie setCookie = login.commit().orElseThrow();
    String cookie = setCookie.value();
    cookieHeaders = List.of(setCookie.name() + "=" + cookie);

    rawId = cookie.substring(0, cookie.indexOf('.'));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    message = (setCookie.name() + "=" + rawId).getBytes(StandardCharsets.US_ASCII);
    signature = mac.doFinal(message);
    raw = RawCaffeine.cache(MemorySessionStore.DEFAULT_MAXIMUM_SIZE);
    raw.put(
        rawId, RawCaffeine.bytes(Fixtures.record(Fixtures.newKey(), Clock.systemUTC().instant())));
  }

  /** Closes the engine and its store. */
  @TearDown
  public void tearDown() {
    manager.close();
  }

  /**
   * A request that reads one attribute of its session and changes nothing.
   *
   * @return the attribute read
   */
  @Benchmark
  public Object request() {
    SessionContext context = manager.open(cookieHeaders, true);
    Object user = context.current().orElseThrow().getUntyped("user");
    context.commit();
    return user;
  }

  /** The request's first steps only: the context opened and the session resolved. */
  Object resolveOnly() {
    return manager.open(cookieHeaders, true).current();
  }

  /** The request without its commit: resolved, one attribute read. */
  Object resolveAndRead() {
    return manager.open(cookieHeaders, true).current().orElseThrow().getUntyped("user");
  }

  /**
   * The baseline of {@link #request}: one HMAC and a constant-time compare, one cache get.
   *
   * @return the bytes read
   */
  @Benchmark
  public byte[] rawRequest() {
    if (!MessageDigest.isEqual(mac.doFinal(message), signature)) {
      throw new IllegalStateException("the signature did not match");
    }
    return raw.getIfPresent(rawId);
  }
}
