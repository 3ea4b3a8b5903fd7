package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The principal index of the connect-redis layout against records Node writes: a Node login joins
 * the index once this side writes its principal, survives Node's whole-record saves, leaves it
 * lazily when Node destroys it, and the index never lies under connect-redis's prefix.
 */
class RedisExpressPrincipalIT extends ExpressFixture {

  private final PrincipalSessions principals = (PrincipalSessions) store;

  /** A login as express-session with connect-redis saves it: {@code req.session.user = name}. */
  private SessionKey nodeLogin(String user) {
    return nodeSave(Duration.ofHours(1), "\"user\":\"" + user + "\"");
  }

  /** What the engine writes when a load derived the principal from the Node login's attribute. */
  private void principalFromNode(SessionKey key, String user) {
    SessionRecord record = store.load(key).orElseThrow();
    assertThat(
            store.apply(
                new SessionDelta(
                    key,
                    Map.of(),
                    Set.of(),
                    clock.instant(),
                    record.idleTimeout(),
                    record.expiresAt(),
                    true,
                    user)))
        .isTrue();
  }

  private String indexKey(String user) {
    return "sessionkit:" + prefix + "principal:{" + sha256(user) + "}";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<SessionKey> listed(String user) {
    return principals.findByPrincipal(user).stream().map(SessionRecord::key).toList();
  }

  @Test
  void aNodeLoginJoinsTheIndexOnceThisSideWritesItsPrincipal() {
    SessionKey key = nodeLogin("frodo");
    assertThat(listed("frodo")).as("not yet seen by this side").isEmpty();

    principalFromNode(key, "frodo");

    assertThat(listed("frodo")).containsExactly(key);
    assertThat(redis.get(prefix + key.value())).contains("\"p\":\"frodo\"");
  }

  @Test
  void theIndexLiesOutsideConnectRedisPrefix() {
    principalFromNode(nodeLogin("frodo"), "frodo");

    assertThat(redis.keys(prefix + "*"))
        .hasSize(1)
        .allSatisfy(k -> assertThat(redis.type(k)).isEqualTo("string"));
    assertThat(redis.type(indexKey("frodo"))).isEqualTo("zset");
  }

  @Test
  void aWholeRecordSaveByNodeKeepsTheSessionIndexed() {
    SessionKey key = nodeLogin("frodo");
    principalFromNode(key, "frodo");
    // express-session saves what it loaded, sessionkit member included, as a new string
    String json = redis.get(prefix + key.value());
    String saved = json.substring(0, json.length() - 1) + ",\"views\":1}";
    redis.set(prefix + key.value(), saved, SetArgs.Builder.ex(3600));

    assertThat(listed("frodo")).containsExactly(key);
  }

  @Test
  void aSessionNodeDestroyedIsNotListedAndLeavesTheIndexOnceSettled() {
    SessionKey key = nodeLogin("frodo");
    principalFromNode(key, "frodo");
    redis.del(prefix + key.value());

    assertThat(listed("frodo")).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(listed("frodo")).isEmpty();
    assertThat(redis.zcard(indexKey("frodo"))).isZero();
  }

  @Test
  void logOutEverywhereDeletesTheRecordsNodeReads() {
    SessionKey first = nodeLogin("frodo");
    SessionKey second = nodeLogin("frodo");
    SessionKey other = nodeLogin("sam");
    principalFromNode(first, "frodo");
    principalFromNode(second, "frodo");
    principalFromNode(other, "sam");

    assertThat(principals.deleteByPrincipal("frodo")).containsExactlyInAnyOrder(first, second);

    assertThat(redis.exists(prefix + first.value(), prefix + second.value())).isZero();
    assertThat(redis.exists(prefix + other.value())).isOne();
  }

  @Test
  void aLogoutWrittenHereLeavesTheIndex() {
    SessionKey key = nodeLogin("frodo");
    principalFromNode(key, "frodo");
    principalFromNode(key, null);

    assertThat(listed("frodo")).isEmpty();
    assertThat(redis.get(prefix + key.value())).doesNotContain("\"p\":");
  }
}
