package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, with a bound, for what a near cache hears from Redis; never a fixed sleep. */
final class NearCacheProbe {

  /** Longer than any push takes on a loaded machine; a test fails when it runs out. */
  static final long BOUND_SECONDS = 10;

  private NearCacheProbe() {}

  /** Runs a write made elsewhere and returns once Redis has invalidated every key on the reader. */
  static void afterWrite(RedisSessionStore reader, Set<SessionKey> keys, Runnable write) {
    NearCache near = reader.nearCache();
    Set<SessionKey> waiting = ConcurrentHashMap.newKeySet();
    waiting.addAll(keys);
    CountDownLatch arrived = new CountDownLatch(1);
    near.onInvalidated(
        key -> {
          if (waiting.remove(key) && waiting.isEmpty()) {
            arrived.countDown();
          }
        });
    try {
      write.run();
      assertThat(arrived.await(BOUND_SECONDS, TimeUnit.SECONDS))
          .as("Redis invalidated %s within %d s", waiting, BOUND_SECONDS)
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      near.onInvalidated(key -> {});
    }
  }

  /** Polls a condition until it holds, failing the test after the bound. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + BOUND_SECONDS + " s: " + what);
      }
      RedisProcess.pauseBriefly();
    }
  }
}
