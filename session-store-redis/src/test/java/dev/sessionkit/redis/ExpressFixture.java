package dev.sessionkit.redis;

import dev.sessionkit.SessionListener;
import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;

/**
 * A connect-redis layout store on the shared Redis, under a fresh prefix, with a fake clock, and
 * records written the way express-session with connect-redis saves them.
 */
abstract class ExpressFixture {

  final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  final String prefix = SharedRedis.freshPrefix() + "sess:";
  final SessionStore store =
      RedisSessionStore.builder()
          .connection(SharedRedis.connection())
          .keyPrefix(prefix)
          .expressLayout()
          .create(new StoreContext(clock, SessionListener.NONE));
  final RedisCommands<String, String> redis = SharedRedis.connection().sync();

  @AfterEach
  void close() {
    store.close();
  }

  /**
   * Saves a session as Node does, under an id Node minted.
   *
   * @param values the session's members after {@code cookie}, as JSON member text
   */
  SessionKey nodeSave(Duration maxAge, String values) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String json =
        "{\"cookie\":{\"originalMaxAge\":"
            + maxAge.toMillis()
            + ",\"expires\":\""
            + ExpressSessionJson.expires(clock.instant().plus(maxAge))
            + "\",\"httpOnly\":true,\"path\":\"/\",\"sameSite\":\"lax\"},"
            + values
            + "}";
    redis.set(prefix + id, json, SetArgs.Builder.ex(maxAge.toSeconds()));
    return new SessionKey(id);
  }
}
