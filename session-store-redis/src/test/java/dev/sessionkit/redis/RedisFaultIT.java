package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redis-server the test starts, kills, freezes and starts again: the store throws its store
 * exception within its timeout while Redis is gone or hung, and works again by itself once Redis is
 * back, without being rebuilt.
 */
class RedisFaultIT {

  private static final Duration TIMEOUT = Duration.ofMillis(500);

  /** Room for scheduling on a busy machine; a hang would take Lettuce's 60 s default. */
  private static final Duration LEEWAY = Duration.ofSeconds(1);

  private static final Duration RECOVERY = Duration.ofSeconds(20);

  private final TestClock clock = TestClock.start();
  private Path binary;
  private RedisProcess redis;

  @BeforeEach
  void startRedis() throws IOException {
    binary = RedisProcess.requireBinary();
    redis = RedisProcess.start(binary);
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void aStoppedRedisFailsEveryCallQuicklyAndTheStoreRecoversWhenItIsBack() throws IOException {
    SessionRecord record = record(Keys.random());
    try (RedisSessionStore store = ownStore(redis.uri())) {
      store.create(record);
      redis.stop();
      forEveryCall(
          store,
          record,
          call ->
              assertFailsInTime(call)
                  .isInstanceOf(SessionStoreException.class)
                  // keys are safe to log, yet a message names a session by its short form only
                  .hasMessageNotContaining(record.key().value()));
      redis.start();
      awaitRecovery(() -> store.create(record));
      assertThat(store.load(record.key())).contains(record);
    }
  }

  @Test
  void aHungRedisTimesOutWithinTheTimeoutAndTheStoreRecoversWhenItAnswers() throws IOException {
    SessionRecord record = record(Keys.random());
    try (RedisSessionStore store = ownStore(redis.uri())) {
      store.create(record);
      redis.pause();
      try {
        forEveryCall(
            store,
            record,
            call -> assertFailsInTime(call).isInstanceOf(SessionStoreTimeoutException.class));
      } finally {
        redis.resume();
      }
      awaitRecovery(() -> store.load(record.key()));
      assertThat(store.load(record.key())).contains(record);
    }
  }

  @Test
  void aStoreBuiltWhileRedisIsDownStartsWorkingWhenRedisComesUp() throws IOException {
    int port = redis.port();
    redis.stop();
    SessionRecord record = record(Keys.random());
    try (RedisSessionStore store = ownStore("redis://127.0.0.1:" + port)) {
      assertFailsInTime(() -> store.load(record.key())).isInstanceOf(SessionStoreException.class);
      redis.start();
      awaitRecovery(() -> store.create(record));
      assertThat(store.load(record.key())).contains(record);
    }
  }

  @Test
  void anApplicationConnectionIsBoundedByTheStoreTimeoutAndLeftOpen() throws IOException {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      SessionRecord record = record(Keys.random());
      RedisSessionStore store =
          RedisSessionStore.builder()
              .connection(connection)
              .keyPrefix(SharedRedis.freshPrefix())
              .timeout(TIMEOUT)
              .create(new StoreContext(clock, SessionListener.NONE));
      store.create(record);
      redis.pause();
      try {
        // the connection keeps Lettuce's 60 s command timeout; the store still answers in time
        assertFailsInTime(() -> store.load(record.key()))
            .isInstanceOf(SessionStoreTimeoutException.class);
      } finally {
        redis.resume();
      }
      store.close();
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.sync().ping()).isEqualTo("PONG");
    } finally {
      client.shutdown();
    }
  }

  private RedisSessionStore ownStore(String uri) {
    return RedisSessionStore.builder()
        .uri(uri)
        .keyPrefix(SharedRedis.freshPrefix())
        .timeout(TIMEOUT)
        .create(new StoreContext(clock, SessionListener.NONE));
  }

  private SessionRecord record(SessionKey key) {
    return new SessionRecord(
        key,
        clock.instant(),
        clock.instant(),
        Duration.ofMinutes(30),
        null,
        "alice",
        Map.of("cart", "[1,2]"));
  }

  private void forEveryCall(
      RedisSessionStore store, SessionRecord record, Consumer<ThrowingCallable> check) {
    SessionDelta delta =
        new SessionDelta(
            record.key(),
            Map.of("cart", "[]"),
            Set.of(),
            clock.instant(),
            record.idleTimeout(),
            clock.instant().plus(record.idleTimeout()),
            false,
            null);
    check.accept(() -> store.load(record.key()));
    check.accept(() -> store.create(record));
    check.accept(() -> store.apply(delta));
    check.accept(() -> store.touch(record.key(), clock.instant(), record.expiresAt()));
    check.accept(() -> store.delete(record.key()));
    check.accept(() -> store.findByPrincipal("alice"));
    check.accept(() -> store.deleteByPrincipal("alice"));
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertFailsInTime(ThrowingCallable call) {
    long start = System.nanoTime();
    var failure = assertThatThrownBy(call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.err.printf("failed after %d ms: %s%n", took.toMillis(), failure.actual());
    assertThat(took).as("time to fail").isLessThan(TIMEOUT.plus(LEEWAY));
    return failure;
  }

  /** Retries until the call succeeds, for at most {@link #RECOVERY}. */
  private static void awaitRecovery(Runnable call) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      try {
        call.run();
        return;
      } catch (SessionStoreException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the store did not recover within " + RECOVERY, e);
        }
        RedisProcess.pauseBriefly();
      }
    }
  }
}
