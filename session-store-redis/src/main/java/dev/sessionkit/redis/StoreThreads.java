package dev.sessionkit.redis;

import io.lettuce.core.resource.ThreadFactoryProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The threads of the Lettuce resources a store creates (event loops, event executors, timer), made
 * as Lettuce's default would make them (Netty daemon threads named after their pool) and kept, so
 * that closing the store can wait until each has ended. Netty completes its shutdown future just
 * before its threads exit; a servlet container that looks at that moment still sees them running
 * and reports a leak. Thread-safe.
 */
final class StoreThreads implements ThreadFactoryProvider {

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  @Override
  public ThreadFactory getThreadFactory(String poolName) {
    ThreadFactory netty = new DefaultThreadFactory(poolName, true);
    return task -> {
      Thread thread = netty.newThread(task);
      threads.add(thread);
      return thread;
    };
  }

  /**
   * Waits until every thread made has ended.
   *
   * @param timeout how long to wait at most, for all of them together
   * @return true when all have ended
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, left / 1_000_000));
      }
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }
}
