package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The connect-redis layout against records as Node writes them: values cjson would change pass
 * through the merge script byte for byte, members Node wrote are kept, the TTL follows {@code
 * cookie.expires}, and a deleted session stays deleted.
 */
class RedisExpressLayoutIT extends ExpressFixture {

  private static final String NODE_VALUES =
      "\"user\":\"frodo\",\"views\":2,\"empty\":[],\"obj\":{},\"big\":12345678901234567890,"
          + "\"pi\":0.30000000000000004,\"nested\":{\"a\":[[],{}],\"s\":\"}]\\\"{[\"},"
          + "\"ключ\":\"😀\"";

  /** A session as express-session with connect-redis saves it, under an id Node minted. */
  private SessionKey nodeSession(Duration maxAge) {
    return nodeSave(maxAge, NODE_VALUES);
  }

  @Test
  void readsWhatNodeWroteThroughTheEngineRecord() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    SessionRecord record = store.load(key).orElseThrow();
    assertThat(record.attributes())
        .containsEntry("user", "\"frodo\"")
        .containsEntry("views", "2")
        .containsEntry("empty", "[]")
        .containsEntry("big", "12345678901234567890")
        .containsEntry("pi", "0.30000000000000004")
        .doesNotContainKeys("cookie", "sessionkit");
    assertThat(record.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(record.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(record.principal()).isNull();
  }

  @Test
  void aDeltaChangesOnlyWhatItNamesAndMovesCookieExpiresAndTheTtl() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(5));
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofMinutes(30));
    SessionDelta delta =
        new SessionDelta(
            key,
            Map.of("cart", "[1,2]", "views", "3"),
            Set.of("obj"),
            now,
            Duration.ofMinutes(30),
            expires,
            true,
            "frodo");
    assertThat(store.apply(delta)).isTrue();

    String json = redis.get(prefix + key.value());
    for (String kept :
        new String[] {
          "\"user\":\"frodo\"",
          "\"empty\":[]",
          "\"big\":12345678901234567890",
          "\"pi\":0.30000000000000004",
          "\"nested\":{\"a\":[[],{}],\"s\":\"}]\\\"{[\"}",
          "\"ключ\":\"😀\"",
          "\"sameSite\":\"lax\""
        }) {
      assertThat(json).contains(kept);
    }
    assertThat(json)
        .contains("\"views\":3", "\"cart\":[1,2]", "\"originalMaxAge\":1800000")
        .contains("\"expires\":\"" + ExpressSessionJson.expires(expires) + "\"")
        .doesNotContain("\"obj\"");
    long ttl = redis.pttl(prefix + key.value());
    assertThat(ttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(31).toMillis());

    SessionRecord loaded = store.load(key).orElseThrow();
    assertThat(loaded.principal()).isEqualTo("frodo");
    assertThat(loaded.lastAccessTime()).isEqualTo(now);
    assertThat(loaded.expiresAt()).isEqualTo(expires);
  }

  @Test
  void aTouchMovesCookieExpiresAndADeletedSessionIsNeverWrittenAgain() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(10));
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    assertThat(store.touch(key, clock.instant(), expires)).isTrue();
    assertThat(redis.get(prefix + key.value()))
        .contains("\"expires\":\"" + ExpressSessionJson.expires(expires) + "\"")
        .contains("\"originalMaxAge\":3600000")
        .contains(NODE_VALUES);

    redis.del(prefix + key.value()); // logout on the Node side
    SessionDelta late =
        new SessionDelta(
            key,
            Map.of("x", "1"),
            Set.of(),
            clock.instant(),
            Duration.ofHours(1),
            expires,
            false,
            null);
    assertThat(store.apply(late)).isFalse();
    assertThat(store.touch(key, clock.instant(), expires)).isFalse();
    assertThat(redis.exists(prefix + key.value())).isZero();
  }

  @Test
  void aSessionPastCookieExpiresIsGoneOnTheEnginesClock() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    assertThat(store.load(key)).isEmpty();
    assertThat(store.touch(key, clock.instant(), clock.instant().plusSeconds(60))).isFalse();
  }

  @Test
  void aTouchNodeMadeMovesOnlyTheTtlAndKeepsTheSessionAlivePastCookieExpires() {
    Instant start = clock.instant();
    SessionKey key = nodeSession(Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.touch(key, clock.instant(), clock.instant().plus(Duration.ofHours(1))))
        .isTrue();
    String written = redis.get(prefix + key.value());
    assertThat(written).as("where SessionKit's TTL ends, on Redis's clock").contains("\"x\":");
    assertThat(store.load(key).orElseThrow().expiresAt())
        .as("SessionKit wrote the TTL last: cookie.expires decides")
        .isEqualTo(start.plus(Duration.ofMinutes(70)));

    // connect-redis's touch, 50 minutes in: EXPIRE only, cookie.expires stays as it was.
    Instant nodeEnd = start.plus(Duration.ofMinutes(110));
    clock.advance(Duration.ofMinutes(40));
    redis.pexpireat(prefix + key.value(), nodeEnd.toEpochMilli());
    assertThat(redis.get(prefix + key.value())).isEqualTo(written);

    clock.advance(Duration.ofMinutes(25)); // past cookie.expires, before the end Node's touch gave
    SessionRecord loaded = store.load(key).orElseThrow();
    assertThat(loaded.expiresAt()).isEqualTo(nodeEnd);
    assertThat(loaded.lastAccessTime()).isEqualTo(nodeEnd.minus(Duration.ofHours(1)));
    Instant javaEnd = clock.instant().plus(Duration.ofHours(1));
    assertThat(store.touch(key, clock.instant(), javaEnd))
        .as("the merge script agrees the session is live")
        .isTrue();
    assertThat(store.load(key).orElseThrow().expiresAt()).isEqualTo(javaEnd);

    clock.advance(Duration.ofHours(1));
    assertThat(store.load(key)).as("and it still ends on the engine's clock").isEmpty();
  }

  @Test
  void theLayoutBehindSessionKitsOwnCookieFailsAtBuild() {
    dev.sessionkit.SessionConfig ours =
        dev.sessionkit.SessionConfig.builder()
            .secret("a secret of at least thirty-two bytes, for this test")
            .build();
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(
            () ->
                dev.sessionkit.SessionManager.create(
                    ours,
                    RedisSessionStore.builder()
                        .connection(SharedRedis.connection())
                        .keyPrefix(prefix)
                        .expressLayout()))
        .withMessageContaining("expressLayout()")
        .withMessageContaining("cookieFormat(SESSIONKIT)");
  }

  @Test
  void attributesCannotTakeTheNamesOfTheRecordsOwnMembers() {
    SessionKey key = nodeSession(Duration.ofHours(1));
    SessionDelta delta =
        new SessionDelta(
            key,
            Map.of("cookie", "{}"),
            Set.of(),
            clock.instant(),
            Duration.ofHours(1),
            clock.instant().plusSeconds(60),
            false,
            null);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.apply(delta))
        .withMessageContaining("reserved");
  }
}
