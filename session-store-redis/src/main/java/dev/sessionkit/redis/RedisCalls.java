package dev.sessionkit.redis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis commands of one store operation, bounded by one deadline. Every wait goes through
 * {@link #await}, so no caller blocks past the store's timeout, whatever the connection's own
 * settings are, and every driver failure leaves as a {@link SessionStoreException}. Thread-safe:
 * one instance serves one call on one thread, over a shared thread-safe connection.
 */
final class RedisCalls {

  private final RedisClusterAsyncCommands<String, String> commands;
  private final long deadlineNanos;
  private final String what;

  RedisCalls(RedisClusterAsyncCommands<String, String> commands, long deadlineNanos, String what) {
    this.commands = commands;
    this.deadlineNanos = deadlineNanos;
    this.what = what;
  }

  /** The deadline of an operation that starts now. */
  static long deadline(Duration timeout) {
    return System.nanoTime() + timeout.toNanos();
  }

  RedisClusterAsyncCommands<String, String> commands() {
    return commands;
  }

  /**
   * Runs a script by its digest, sending the body only when the server does not know it yet (after
   * a restart or a failover, or on first use), so the usual cost is one EVALSHA.
   */
  CompletionStage<List<Object>> script(LuaScript script, String[] keys, String... args) {
    CompletionStage<List<Object>> first =
        commands.evalsha(script.sha1(), ScriptOutputType.MULTI, keys, args);
    return first
        .handle(
            (result, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(result);
              }
              if (unwrap(error) instanceof RedisNoScriptException) {
                CompletionStage<List<Object>> loaded =
                    commands.eval(script.body(), ScriptOutputType.MULTI, keys, args);
                return loaded;
              }
              return CompletableFuture.<List<Object>>failedFuture(error);
            })
        .thenCompose(stage -> stage);
  }

  /** Waits for one reply until the operation's deadline. */
  <T> T await(CompletionStage<T> stage) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    long left = deadlineNanos - System.nanoTime();
    try {
      return future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new SessionStoreTimeoutException(what + ": no reply from Redis in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new SessionStoreException(what + ": interrupted", e);
    } catch (ExecutionException | CancellationException e) {
      throw failure(unwrap(e));
    }
  }

  /** Maps a driver failure into the store's exception family. */
  SessionStoreException failure(Throwable cause) {
    if (cause instanceof SessionStoreException e) {
      return e;
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new SessionStoreTimeoutException(what + ": Redis timed out", cause);
    }
    return new SessionStoreException(what + ": Redis failed: " + cause, cause);
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
