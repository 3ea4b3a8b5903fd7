package dev.sessionkit.benchmarks;

import dev.sessionkit.memory.MemorySessionStore;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the memory store's request benchmarks share: one session logged in through the engine, the
 * same session in the raw baseline's cache and in the peer's repository.
 */
abstract class MemoryRequests {

  LoggedIn engine;
  RawRequest raw;
  SpringPeer peer;

  /**
   * Logs one session in through the engine, and stores the same session in the raw cache and the
   * peer's repository.
   *
   * @throws GeneralSecurityException never on a JDK, which must provide HmacSHA256
   */
  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    engine = new LoggedIn(Base64.getEncoder().encodeToString(secret), MemorySessionStore.builder());
    raw = new RawRequest(secret, engine.cookie());
    peer = new SpringPeer();
  }

  /** Closes the engine and its store. */
  @TearDown
  public void tearDown() {
    engine.close();
  }
}
