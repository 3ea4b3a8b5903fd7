package dev.sessionkit.jdbc;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep on one daemon thread, again and again, each time after the period give or take a
 * fifth, so that nodes started together do not sweep in lockstep. A failing sweep is logged and
 * tried again at the next period.
 */
final class SweepScheduler implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

  private final ScheduledExecutorService executor;
  private final long periodNanos;
  private final Runnable sweep;

  SweepScheduler(String table, Duration period, Runnable sweep) {
    this.periodNanos = period.toNanos();
    this.sweep = sweep;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sessionkit-jdbc-sweeper-" + table);
              thread.setDaemon(true);
              return thread;
            });
    // The first run lands anywhere in the first period, again to spread nodes out.
    schedule((long) (periodNanos * ThreadLocalRandom.current().nextDouble()));
  }

  private void schedule(long delayNanos) {
    if (!executor.isShutdown()) {
      executor.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void run() {
    try {
      sweep.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session sweep failed; retrying in the next period", e);
    } finally {
      double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
      try {
        schedule((long) (periodNanos * jitter));
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // The store was closed while this sweep ran.
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
