package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrincipalIndexTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final PrincipalIndex index =
      new PrincipalIndex(new SessionHashLayout("app:"), Duration.ofSeconds(2));

  @Test
  void anIndexKeyHoldsNoPersonalDataAndHasASlotOfItsOwn() {
    String key = index.indexKey("alice@example.com {admin}");
    assertThat(key).startsWith("app:principal:{").endsWith("}").doesNotContain("alice");
    String tag = key.substring("app:principal:{".length(), key.length() - 1);
    assertThat(tag).hasSize(64);
    assertThat(SlotHash.getSlot(key)).isEqualTo(SlotHash.getSlot(tag));
    assertThat(index.indexKey("alice@example.com {admin}")).isEqualTo(key);
    assertThat(index.indexKey("bob")).isNotEqualTo(key);
  }

  @Test
  void theHorizonIsOneMoreLifetimePastTheSessionsEnd() {
    assertThat(PrincipalIndex.horizon(NOW, NOW.plusSeconds(60))).isEqualTo(NOW.plusSeconds(120));
    assertThat(PrincipalIndex.horizon(NOW, NOW)).isEqualTo(NOW);
    assertThat(PrincipalIndex.horizon(NOW, NOW.minusSeconds(5))).isEqualTo(NOW.minusSeconds(5));
  }
}
