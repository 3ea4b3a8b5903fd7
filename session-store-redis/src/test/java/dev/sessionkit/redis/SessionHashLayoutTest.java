package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.SessionKey;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionHashLayoutTest {

  private final SessionHashLayout layout = new SessionHashLayout("app:");

  @Test
  void aSessionKeyIsThePrefixAndTheHashTaggedKey() {
    SessionKey key = Keys.random();
    assertThat(layout.sessionKey(key)).isEqualTo("app:session:{" + key.value() + "}");
    assertThat(layout.sessionKeyOf(layout.sessionKey(key))).contains(key);
  }

  @Test
  void theSlotOfASessionDependsOnItsKeyAlone() {
    SessionKey key = Keys.random();
    int slot = SlotHash.getSlot(key.value());
    assertThat(SlotHash.getSlot(layout.sessionKey(key))).isEqualTo(slot);
    assertThat(SlotHash.getSlot(new SessionHashLayout("other-app:").sessionKey(key)))
        .isEqualTo(slot);
  }

  @Test
  void keysOfOtherPrefixesOrShapesAreNotSessions() {
    SessionKey key = Keys.random();
    PrincipalIndex index = new PrincipalIndex(layout, Duration.ofSeconds(2));
    assertThat(layout.sessionKeyOf(new SessionHashLayout("other:").sessionKey(key))).isEmpty();
    assertThat(layout.sessionKeyOf(index.indexKey("alice"))).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:{" + key.value().toUpperCase() + "}")).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:{" + key.value() + "}x")).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:")).isEmpty();
  }

  @Test
  void aPrefixWithABraceWouldPutEveryKeyInOneSlot() {
    assertThatThrownBy(() -> new SessionHashLayout("app{1}:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
  }

  @Test
  void ttlsRunToTheHorizonPlusTheSlackAndAreZeroOnceTheDeadlinePassed() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    long slack = SessionHashLayout.TTL_SLACK.toMillis();
    Instant deadline = now.plusSeconds(60);
    assertThat(SessionHashLayout.ttlMillis(now, deadline, deadline)).isEqualTo(60_000 + slack);
    assertThat(SessionHashLayout.ttlMillis(now, deadline, now.plusSeconds(75)))
        .isEqualTo(75_000 + slack);
    assertThat(SessionHashLayout.ttlMillis(now, now.plusNanos(1), now.plusNanos(1)))
        .isEqualTo(1 + slack);
    assertThat(SessionHashLayout.ttlMillis(now, now, now.plusSeconds(1))).isZero();
    assertThat(SessionHashLayout.ttlMillis(now, now.minusSeconds(1), now)).isZero();
  }

  @Test
  void theTtlHorizonLiesAQuarterOfTheRemainingLifePastTheDeadline() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(SessionHashLayout.ttlHorizon(now, now.plus(Duration.ofMinutes(30))))
        .isEqualTo(now.plus(Duration.ofMinutes(30)).plus(Duration.ofSeconds(450)));
    assertThat(SessionHashLayout.ttlHorizon(now, now)).isEqualTo(now);
    assertThat(SessionHashLayout.ttlHorizon(now, now.minusSeconds(1)))
        .isEqualTo(now.minusSeconds(1));
  }
}
