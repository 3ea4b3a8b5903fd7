package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TwoNodeContract;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kit's two-node contract on H2: node A with the near cache on, node B without, one table. No
 * invalidation exists, so A notices B's writes once its kept copies reach their maximum age, which
 * the kit's clock is moved past; and until then A serves what it kept, which is the documented
 * staleness bound.
 */
class H2NearCacheTwoNodeTest extends TwoNodeContract {

  private static final TestDatabase DATABASE = TestDatabase.h2();
  private static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Duration IDLE = Duration.ofMinutes(30);

  @Override
  protected Nodes newNodes(StoreContext context) {
    SessionStore b = DATABASE.newStore(context);
    return new Nodes(
        JdbcSessionStore.builder()
            .dataSource(DATABASE.dataSource())
            .tableName(DATABASE.table())
            .sweeper(false)
            .nearCache(1_000, MAX_AGE)
            .create(context),
        b);
  }

  @Override
  protected void afterWrite(SessionStore reader, Set<SessionKey> keys, Runnable write) {
    write.run();
    clock().advance(MAX_AGE);
  }

  /** Fewer tries than the default: without a push, each try only moves the clock. */
  @Override
  protected int logoutTries() {
    return 100;
  }

  @Test
  void anotherNodesLogoutIsSeenAfterTheMaximumAgeAndNotBefore() {
    try (JdbcSessionStore a =
            JdbcSessionStore.builder()
                .dataSource(DATABASE.dataSource())
                .tableName(DATABASE.table())
                .sweeper(false)
                .nearCache(10, MAX_AGE)
                .create(TestDatabase.context(clock()));
        JdbcSessionStore b = DATABASE.otherStore(TestDatabase.context(clock()))) {
      SessionRecord record =
          new SessionRecord(
              Keys.newKey(), clock().instant(), clock().instant(), IDLE, null, "alice", Map.of());
      b.create(record);
      assertThat(a.load(record.key())).contains(record);
      assertThat(b.delete(record.key())).isTrue();
      clock().advance(MAX_AGE.minusMillis(1));
      assertThat(a.load(record.key())).as("within the staleness bound").contains(record);
      clock().advance(Duration.ofMillis(1));
      assertThat(a.load(record.key())).as("at the bound").isEmpty();
    }
  }

  @Test
  void theNearCacheIsCheckedAtCreate() {
    JdbcStoreBuilder twice = JdbcSessionStore.builder().nearCache(10, MAX_AGE);
    assertThatThrownBy(() -> twice.nearCache(20, MAX_AGE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nearCache");
    assertThatThrownBy(() -> built(0, MAX_AGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumSize must be positive");
    assertThatThrownBy(() -> built(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumAge must be positive");
    assertThatThrownBy(() -> built(10, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nearCache maximumAge must be at most PT1M");
  }

  private JdbcSessionStore built(long size, Duration age) {
    return JdbcSessionStore.builder()
        .dataSource(DATABASE.dataSource())
        .tableName(DATABASE.table())
        .sweeper(false)
        .nearCache(size, age)
        .create(TestDatabase.context(clock()));
  }
}
