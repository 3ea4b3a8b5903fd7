package dev.sessionkit.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures how many commands one operation costs: sent by the client (each is a round trip unless
 * pipelined) and executed by the server (from {@code INFO commandstats}, including commands run
 * inside a Lua script). The server is shared with other clients, so the server-side figure is the
 * least of a few batches: other traffic can only add to it.
 */
final class RedisRoundTrips {

  private static final int OPS = 200;
  private static final int BATCHES = 3;

  private final RedisCommands<String, String> redis;
  private final CommandCounter counter;

  RedisRoundTrips(RedisCommands<String, String> redis, CommandCounter counter) {
    this.redis = redis;
    this.counter = counter;
  }

  void report(String operation, Runnable op) {
    double clientPerOp = Double.MAX_VALUE;
    double serverPerOp = Double.MAX_VALUE;
    for (int b = 0; b < BATCHES; b++) {
      long serverBefore = serverCalls();
      long clientBefore = counter.count();
      for (int i = 0; i < OPS; i++) {
        op.run();
      }
      long clientAfter = counter.count();
      long serverAfter = serverCalls();
      clientPerOp = Math.min(clientPerOp, (clientAfter - clientBefore) / (double) OPS);
      serverPerOp = Math.min(serverPerOp, (serverAfter - serverBefore) / (double) OPS);
    }
    System.out.printf(
        Locale.ROOT,
        "ROUNDTRIPS redis %-20s client commands/op %.2f, server commands/op %.2f%n",
        operation,
        clientPerOp,
        serverPerOp);
  }

  /** Sums the calls of every command except INFO, which the measurement itself sends. */
  private long serverCalls() {
    long total = 0;
    for (String line : redis.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
        int start = line.indexOf("calls=") + 6;
        int end = line.indexOf(',', start);
        total += Long.parseLong(line.substring(start, end));
      }
    }
    return total;
  }

  /** Finds the single key under a prefix (the store's session hash) without blocking the server. */
  static String onlyKey(RedisCommands<String, String> redis, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    ScanArgs args = ScanArgs.Builder.matches(prefix + "*session*").limit(1000);
    do {
      KeyScanCursor<String> page = redis.scan(cursor, args);
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    if (keys.size() != 1) {
      throw new IllegalStateException("expected one session hash under the prefix, found " + keys);
    }
    return keys.get(0);
  }
}
