package dev.sessionkit.benchmarks;

import dev.sessionkit.KeyRing;
import dev.sessionkit.internal.CookieSigner;
import dev.sessionkit.internal.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
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

/**
 * Signing and verifying a session cookie with {@link CookieSigner}, beside a hand-written HMAC
 * signer that runs {@code Mac} HmacSHA256 over the same bytes ({@code "sid=<id>"}) and compares in
 * constant time, without any encoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CookieBenchmark {

  private static final String COOKIE_NAME = "sid";

  private CookieSigner signer;
  private SessionId id;
  private String signedValue;

  private Mac mac;
  private byte[] message;
  private byte[] rawSignature;

  /**
   * Builds the signer and the raw MAC with a random key, and signs one id for the verify-only pair.
   *
   * @throws GeneralSecurityException never on a JDK, which must provide HmacSHA256
   */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    signer = new CookieSigner(KeyRing.ofBytes(secret), COOKIE_NAME);
    id = SessionId.generate(random);
    signedValue = signer.sign(id);

    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    message = (COOKIE_NAME + "=" + id.value()).getBytes(StandardCharsets.US_ASCII);
    rawSignature = mac.doFinal(message);
  }

  /**
   * Signs an id into a cookie value and verifies that value, as one request that sets and one that
   * sends the cookie would.
   *
   * @return the verified id
   */
  @Benchmark
  public Optional<SessionId> signAndVerify() {
    return signer.verify(signer.sign(id));
  }

  /**
   * The baseline of {@link #signAndVerify}: one HMAC to sign, one HMAC and a constant-time compare
   * to verify.
   *
   * @return whether the signature matched
   */
  @Benchmark
  public boolean rawSignAndVerify() {
    byte[] signature = mac.doFinal(message);
    return MessageDigest.isEqual(mac.doFinal(message), signature);
  }

  /**
   * Verifies a signed cookie value, the work of every request that carries a session cookie.
   *
   * @return the verified id
   */
  @Benchmark
  public Optional<SessionId> verify() {
    return signer.verify(signedValue);
  }

  /**
   * The baseline of {@link #verify}: one HMAC and a constant-time compare.
   *
   * @return whether the signature matched
   */
  @Benchmark
  public boolean rawVerify() {
    return MessageDigest.isEqual(mac.doFinal(message), rawSignature);
  }
}
