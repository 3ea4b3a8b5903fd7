package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever writes move a session's deadline, forward or back, Redis keeps the key at least until
 * that deadline plus the slack: the scripts move the TTL only when a deadline passes the horizon
 * noted in the hash, and this checks that skipping it never lets Redis drop a live session. Real
 * time hardly passes during a try, so the TTL Redis reports is compared with what the engine's
 * (fake) clock asks for.
 */
class RedisTtlIT {

  /** Real time that may pass between a write and the PTTL that checks it. */
  private static final long TOLERANCE_MILLIS = 2_000;

  @Property(tries = 60)
  void theKeyOutlivesTheSessionByTheSlack(
      @ForAll("absoluteDeadlines") Duration absoluteAfter, @ForAll("steps") List<Step> steps) {
    TestClock clock = TestClock.start();
    RedisCommands<String, String> redis = SharedRedis.connection().sync();
    try (RedisSessionStore store =
        RedisSessionStore.builder()
            .connection(SharedRedis.connection())
            .keyPrefix(SharedRedis.freshPrefix())
            .create(new StoreContext(clock, SessionListener.NONE))) {
      Instant now = clock.instant();
      Instant absolute = absoluteAfter == null ? null : now.plus(absoluteAfter);
      SessionRecord record =
          new SessionRecord(
              Keys.random(), now, now, Duration.ofMinutes(30), absolute, "alice", Map.of());
      store.create(record);
      String redisKey = store.layout().sessionKey(record.key());
      Duration idle = record.idleTimeout();
      Instant expires = record.expiresAt();
      assertKeyLivesUntil(redis, redisKey, now, expires);
      for (Step step : steps) {
        clock.advance(step.advance());
        now = clock.instant();
        if (!now.isBefore(expires)) {
          return;
        }
        if (step.idle() != null) {
          idle = step.idle();
        }
        Instant next = SessionRecord.expiresAt(now, idle, absolute);
        boolean written =
            step.idle() == null
                ? store.touch(record.key(), now, next)
                : store.apply(
                    new SessionDelta(
                        record.key(), Map.of("n", "1"), Set.of(), now, idle, next, false, null));
        assertThat(written).as("write at %s", now).isTrue();
        expires = next;
        assertKeyLivesUntil(redis, redisKey, now, expires);
      }
    }
  }

  private static void assertKeyLivesUntil(
      RedisCommands<String, String> redis, String redisKey, Instant now, Instant expires) {
    long wanted =
        Duration.between(now, expires).toMillis() + SessionHashLayout.TTL_SLACK.toMillis();
    assertThat(redis.pttl(redisKey))
        .as("TTL of a session that ends in %s", Duration.between(now, expires))
        .isGreaterThanOrEqualTo(wanted - TOLERANCE_MILLIS);
    assertThat(Long.parseLong(redis.hget(redisKey, "ttlu")))
        .as("the horizon noted in the hash")
        .isGreaterThanOrEqualTo(expires.toEpochMilli());
  }

  @Provide
  Arbitrary<Duration> absoluteDeadlines() {
    return Arbitraries.of(10, 45, 120).map(Duration::ofMinutes).injectNull(0.5);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Duration> advances =
        Arbitraries.of(0, 1, 30, 60, 300, 450, 451, 600).map(Duration::ofSeconds);
    Arbitrary<Duration> idles =
        Arbitraries.of(1, 5, 30, 60).map(Duration::ofMinutes).injectNull(0.6);
    return Combinators.combine(advances, idles).as(Step::new).list().ofMaxSize(12);
  }

  /**
   * One write after the clock moves.
   *
   * @param advance how far the clock moves first
   * @param idle the idle timeout an apply sets, or null for a touch
   */
  record Step(Duration advance, Duration idle) {}
}
