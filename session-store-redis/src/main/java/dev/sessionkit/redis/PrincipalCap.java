package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionKey;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-principal cap on Redis. Admissions of one principal are serialized by a short lock next
 * to the principal's index ({@code SET NX PX}, released by a script that deletes it only for its
 * holder, expiring by itself if the holder dies), so the last of any number of parallel logins on
 * any node reads every session written before it. Inside the lock: the principal's live sessions
 * are read, and the least recently used others over the cap (or the newcomer, when refusing) are
 * deleted, each only if it still names the principal. Thread-safe.
 */
final class PrincipalCap {

  /** KEYS[1] lock; ARGV[1] token. Deletes the lock only if this holder still has it. */
  private static final LuaScript RELEASE =
      LuaScript.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return {redis.call('DEL', KEYS[1])}
          end
          return {0}
          """);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrincipalIndex index;
  private final SessionHashLayout layout;
  private final Duration timeout;

  PrincipalCap(PrincipalIndex index, SessionHashLayout layout, Duration timeout) {
    this.index = index;
    this.layout = layout;
    this.timeout = timeout;
  }

  Admission admit(
      RedisCalls calls,
      String principal,
      SessionKey newcomer,
      int limit,
      boolean endOldest,
      Instant now) {
    CapRule.checkLimit(limit);
    String lock = index.indexKey(principal) + ":admit";
    String token = token();
    acquire(calls, lock, token);
    try {
      return CapRule.admit(
          index.find(calls, principal, now),
          newcomer,
          limit,
          endOldest,
          key -> end(calls, principal, key, now));
    } finally {
      calls.await(calls.script(RELEASE, new String[] {lock}, token));
    }
  }

  private boolean end(RedisCalls calls, String principal, SessionKey key, Instant now) {
    boolean done = calls.await(layout.delete(calls, key, now, principal)).done();
    index.leave(calls, principal, key);
    return done;
  }

  /**
   * Takes the lock, retrying briefly while another admission of the principal holds it. The lock
   * lives twice the store's timeout, so a holder that dies frees it soon.
   */
  private void acquire(RedisCalls calls, String lock, String token) {
    SetArgs args = SetArgs.Builder.nx().px(Math.max(1, timeout.toMillis() * 2));
    long giveUp = System.nanoTime() + timeout.toNanos();
    while (true) {
      if ("OK".equals(calls.await(calls.commands().set(lock, token, args)))) {
        return;
      }
      if (System.nanoTime() - giveUp > 0) {
        throw new SessionStoreTimeoutException(
            "admit: another login of the principal held its sessions longer than " + timeout, null);
      }
      // Another admission of this principal runs: it takes a round trip or two.
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  private static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
