package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records damaged behind the store's back (a field missing, a value that is not JSON, a time that
 * does not parse, another type under the key) read as missing and are removed; a delta or touch for
 * one writes nothing. Never an exception.
 */
class RedisCorruptRecordIT {

  private final TestClock clock = TestClock.start();
  private RedisSessionStore store;
  private RedisCommands<String, String> redis;

  @BeforeEach
  void openStore() {
    redis = SharedRedis.connection().sync();
    store =
        RedisSessionStore.builder()
            .connection(SharedRedis.connection())
            .keyPrefix(SharedRedis.freshPrefix())
            .create(new StoreContext(clock, SessionListener.NONE));
  }

  @Test
  void aHashWithoutARequiredFieldIsMissingAndRemoved() {
    for (String field : new String[] {"created", "accessed", "idle", "expires"}) {
      SessionKey key = damaged(hash -> hash.remove(field));
      assertThat(store.load(key)).as("load without %s", field).isEmpty();
      assertThat(exists(key)).as("record without %s is removed", field).isFalse();
    }
  }

  @Test
  void anAttributeThatIsNotJsonMakesTheRecordMissing() {
    for (String value : new String[] {"{\"open\":", "not json", "", "1 2", "\"unterminated"}) {
      SessionKey key = damaged(hash -> hash.put("a:cart", value));
      assertThat(store.load(key)).as("load with a:cart=%s", value).isEmpty();
      assertThat(exists(key)).isFalse();
    }
  }

  @Test
  void unreadableTimesMakeTheRecordMissing() {
    for (String field : new String[] {"created", "accessed", "idle", "deadline", "expires"}) {
      SessionKey key = damaged(hash -> hash.put(field, "yesterday"));
      assertThat(store.load(key)).as("load with %s=yesterday", field).isEmpty();
      assertThat(exists(key)).isFalse();
    }
  }

  @Test
  void anotherTypeUnderTheKeyIsMissingAndRemoved() {
    SessionKey key = newKey();
    redis.set(store.layout().sessionKey(key), "a string, not a hash");
    assertThat(store.load(key)).isEmpty();
    assertThat(exists(key)).isFalse();
    redis.rpush(store.layout().sessionKey(key), "a list");
    assertThat(store.apply(delta(key))).isFalse();
    assertThat(exists(key)).isFalse();
    redis.sadd(store.layout().sessionKey(key), "a set");
    assertThat(store.touch(key, clock.instant(), clock.instant().plusSeconds(60))).isFalse();
    assertThat(store.delete(key)).isFalse();
    assertThat(exists(key)).isFalse();
  }

  @Test
  void aDeltaOrTouchForARecordWithoutExpiryWritesNothing() {
    SessionKey applied = damaged(hash -> hash.remove("expires"));
    assertThat(store.apply(delta(applied))).isFalse();
    assertThat(exists(applied)).isFalse();
    SessionKey touched = damaged(hash -> hash.put("expires", "soon"));
    assertThat(store.touch(touched, clock.instant(), clock.instant().plusSeconds(60))).isFalse();
    assertThat(exists(touched)).isFalse();
  }

  /** Creates a good record through the store, then rewrites its hash with one change. */
  private SessionKey damaged(Consumer<Map<String, String>> damage) {
    SessionRecord record =
        new SessionRecord(
            newKey(),
            clock.instant(),
            clock.instant(),
            Duration.ofMinutes(30),
            clock.instant().plus(Duration.ofHours(1)),
            null,
            Map.of("cart", "[1,2]"));
    store.create(record);
    String redisKey = store.layout().sessionKey(record.key());
    Map<String, String> hash = new HashMap<>(redis.hgetall(redisKey));
    assertThat(hash).containsKeys("created", "accessed", "idle", "deadline", "expires", "a:cart");
    damage.accept(hash);
    redis.del(redisKey);
    redis.hset(redisKey, hash);
    redis.expire(redisKey, 600);
    return record.key();
  }

  private boolean exists(SessionKey key) {
    return redis.exists(store.layout().sessionKey(key)) == 1;
  }

  private SessionDelta delta(SessionKey key) {
    return new SessionDelta(
        key,
        Map.of("cart", "[]"),
        Set.of(),
        clock.instant(),
        Duration.ofMinutes(30),
        clock.instant().plus(Duration.ofMinutes(30)),
        false,
        null);
  }

  private static SessionKey newKey() {
    return Keys.random();
  }
}
