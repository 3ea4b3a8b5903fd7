package dev.sessionkit.redis;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;

/** Counts what a Redis server executed, from {@code INFO commandstats}, for round-trip tests. */
final class CommandStats {

  private CommandStats() {}

  /**
   * The commands the server executed during {@code operation}, sent or run by a script, but the
   * {@code INFO} calls that measure them.
   */
  static Map<String, Long> executed(RedisCommands<String, String> admin, Runnable operation) {
    Map<String, Long> before = calls(admin);
    operation.run();
    Map<String, Long> after = calls(admin);
    Map<String, Long> executed = new HashMap<>();
    after.forEach(
        (name, calls) -> {
          long delta = calls - before.getOrDefault(name, 0L);
          if (delta > 0 && !name.equals("info")) {
            executed.put(name, delta);
          }
        });
    return executed;
  }

  /** A counter of {@code INFO stats}, such as {@code tracking_total_keys}. */
  static long stat(RedisCommands<String, String> admin, String name) {
    for (String line : admin.info("stats").split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new IllegalStateException("INFO stats has no " + name);
  }

  private static Map<String, Long> calls(RedisCommands<String, String> admin) {
    Map<String, Long> calls = new HashMap<>();
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
        calls.put(name, Long.parseLong(count));
      }
    }
    return calls;
  }
}
