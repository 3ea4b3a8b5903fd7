package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionKey;
import io.lettuce.core.cluster.SlotHash;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SessionKitLayoutTest {

  private final SecureRandom random = new SecureRandom();
  private final SessionKitLayout layout = new SessionKitLayout("app:");

  @Test
  void aSessionKeyIsThePrefixAndTheHashTaggedKey() {
    SessionKey key = SessionId.generate(random).key();
    assertThat(layout.sessionKey(key)).isEqualTo("app:session:{" + key.value() + "}");
    assertThat(layout.sessionKeyOf(layout.sessionKey(key))).contains(key);
  }

  @Test
  void theSlotOfASessionDependsOnItsKeyAlone() {
    SessionKey key = SessionId.generate(random).key();
    int slot = SlotHash.getSlot(key.value());
    assertThat(SlotHash.getSlot(layout.sessionKey(key))).isEqualTo(slot);
    assertThat(SlotHash.getSlot(new SessionKitLayout("other-app:").sessionKey(key)))
        .isEqualTo(slot);
  }

  @Test
  void aPrincipalIndexHoldsNoPersonalDataAndHasASlotOfItsOwn() {
    String index = layout.principalKey("alice@example.com {admin}");
    assertThat(index).startsWith("app:principal:{").endsWith("}").doesNotContain("alice");
    assertThat(index.substring("app:principal:{".length(), index.length() - 1)).hasSize(64);
    assertThat(layout.principalKey("alice@example.com {admin}")).isEqualTo(index);
    assertThat(layout.principalKey("bob")).isNotEqualTo(index);
  }

  @Test
  void keysOfOtherPrefixesOrShapesAreNotSessions() {
    SessionKey key = SessionId.generate(random).key();
    assertThat(layout.sessionKeyOf(new SessionKitLayout("other:").sessionKey(key))).isEmpty();
    assertThat(layout.sessionKeyOf(layout.principalKey("alice"))).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:{" + key.value().toUpperCase() + "}")).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:{" + key.value() + "}x")).isEmpty();
    assertThat(layout.sessionKeyOf("app:session:")).isEmpty();
  }
}
