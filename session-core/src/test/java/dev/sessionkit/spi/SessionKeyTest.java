package dev.sessionkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.SessionId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A key made from its hash's bits and one read from its hex text are the same key. */
class SessionKeyTest {

  @Property(tries = 500)
  void aKeyFromBitsIsTheKeyOfItsHex(@ForAll @Size(32) byte[] hash) {
    String hex = HexFormat.of().formatHex(hash);
    SessionKey fromBits = SessionKey.ofHash(hash);
    SessionKey fromText = new SessionKey(hex);

    assertThat(fromBits).isEqualTo(fromText).hasSameHashCodeAs(fromText);
    assertThat(fromBits.value()).isEqualTo(hex);
    assertThat(fromBits.shortForm())
        .isEqualTo(fromText.shortForm())
        .isEqualTo(hex.substring(0, 12));
    assertThat(fromBits.isRawId()).isFalse();
    ByteBuffer words = ByteBuffer.wrap(hash);
    for (int i = 0; i < 4; i++) {
      long word = words.getLong();
      assertThat(fromBits.word(i)).isEqualTo(word);
      assertThat(fromText.word(i)).isEqualTo(word);
    }
  }

  @Property(tries = 200)
  void keysOfDifferentHashesDiffer(@ForAll @Size(32) byte[] hash, @ForAll int bit) {
    byte[] other = hash.clone();
    other[Math.floorMod(bit, 32)] ^= (byte) (1 << Math.floorMod(bit, 8));
    assertThat(SessionKey.ofHash(hash))
        .isNotEqualTo(SessionKey.ofHash(other))
        .isNotEqualTo(new SessionKey(HexFormat.of().formatHex(other)));
  }

  @Test
  void aHashIsReadNotKept() {
    byte[] hash = new byte[32];
    SessionKey key = SessionKey.ofHash(hash);
    hash[0] = 1;
    assertThat(key.value()).isEqualTo("0".repeat(64));
  }

  @Test
  void aRawIdKeyHasNoHashAndShowsNoId() {
    String id = SessionId.generate(new SecureRandom()).value();
    SessionKey raw = new SessionKey(id);

    assertThat(raw.isRawId()).isTrue();
    assertThat(raw.value()).isEqualTo(id);
    assertThat(raw).isEqualTo(new SessionKey(id)).hasSameHashCodeAs(new SessionKey(id));
    assertThat(raw).isNotEqualTo(SessionId.of(id).key());
    assertThat(raw.toString()).doesNotContain(id);
    assertThat(raw.shortForm()).hasSize(12).isNotEqualTo(id.substring(0, 12));
    assertThatThrownBy(() -> raw.word(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a raw-id key has no hash");
  }

  @Test
  void wrongHashesAndWordsAreRefused() {
    assertThatThrownBy(() -> SessionKey.ofHash(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sha256");
    assertThatThrownBy(() -> SessionKey.ofHash(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a SHA-256 hash is 32 bytes: 31");
    SessionKey key = SessionKey.ofHash(new byte[32]);
    assertThatThrownBy(() -> key.word(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> key.word(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
