package dev.sessionkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SessionIdTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void generatedIdsAre256BitsOfBase64UrlWithoutPadding() {
    SessionId id = SessionId.generate(RANDOM);
    assertThat(id.value()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(id.value())).hasSize(32);
  }

  @Test
  void generatedIdsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(SessionId.generate(RANDOM).value())).isTrue();
    }
  }

  @Property
  void everyGeneratedIdParsesBack(@ForAll long seed) {
    SecureRandom random = new SecureRandom(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
    SessionId id = SessionId.generate(random);
    assertThat(SessionId.parse(id.value())).contains(id);
  }

  @Property
  void parseNeverThrowsAndAcceptsOnlyCanonicalIds(@ForAll String text) {
    assertThat(SessionId.parse(text))
        .isEqualTo(
            text.matches("[A-Za-z0-9_-]{22,86}") && (text.length() != 43 || isCanonical(text))
                ? java.util.Optional.of(SessionId.of(text))
                : java.util.Optional.empty());
  }

  private static boolean isCanonical(String text) {
    byte[] bytes = Base64.getUrlDecoder().decode(text);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
  }

  @Test
  void rejectsNonCanonicalTrailingBitsAndWrongShapes() {
    String valid = SessionId.generate(RANDOM).value();
    String nonCanonical = valid.substring(0, 42) + "B"; // 'B' = 1: low bits not zero
    assertThat(SessionId.parse(nonCanonical)).isEmpty();
    // Other lengths are ids a custom generator may make: 22 to 86 characters.
    assertThat(SessionId.parse(valid + "A")).isPresent();
    assertThat(SessionId.parse(valid.substring(1))).isPresent();
    assertThat(SessionId.parse("A".repeat(SessionId.MIN_LENGTH - 1))).isEmpty();
    assertThat(SessionId.parse("A".repeat(SessionId.MIN_LENGTH))).isPresent();
    assertThat(SessionId.parse("A".repeat(SessionId.MAX_LENGTH))).isPresent();
    assertThat(SessionId.parse("A".repeat(SessionId.MAX_LENGTH + 1))).isEmpty();
    assertThat(SessionId.parse(valid.replace(valid.charAt(3), '+'))).isEmpty();
    assertThat(SessionId.parse(null)).isEmpty();
    assertThatThrownBy(() -> SessionId.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short");
  }

  @Test
  void toStringNeverShowsTheId() {
    SessionId id = SessionId.generate(RANDOM);
    assertThat(id.toString()).doesNotContain(id.value()).contains("redacted");
  }

  @Test
  void keyIsTheHexSha256OfTheId() throws Exception {
    SessionId id = SessionId.generate(RANDOM);
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(id.value().getBytes(StandardCharsets.US_ASCII));
    assertThat(id.key().value()).isEqualTo(HexFormat.of().formatHex(digest));
    assertThat(id.key().value()).doesNotContain(id.value());
    assertThat(id.key().toString()).contains(id.key().shortForm()).hasSizeLessThan(30);
  }

  @Test
  void keysOfIdsOfEveryLengthOnOneThreadAreEachTheirOwnSha256() throws Exception {
    // One thread's buffers serve every key: a short id after a long one must not see its tail.
    for (int length : new int[] {SessionId.MAX_LENGTH, SessionId.MIN_LENGTH, 43, 60, 22}) {
      StringBuilder text = new StringBuilder();
      while (text.length() < length) {
        text.append(SessionId.generate(RANDOM).value());
      }
      SessionId id = SessionId.of(text.substring(0, length - 1) + "A");
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(id.value().getBytes(StandardCharsets.US_ASCII));
      assertThat(id.key().value())
          .as("length %d", length)
          .isEqualTo(HexFormat.of().formatHex(digest));
    }
  }

  @Test
  void keyShapeIsChecked() {
    assertThatThrownBy(() -> new SessionKey("ABC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionKey("g".repeat(63) + "!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionKey("G".repeat(87)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionKey(null)).isInstanceOf(NullPointerException.class);
    assertThat(new SessionKey("a".repeat(64)).isRawId()).isFalse();
  }

  @Test
  void aRawIdKeyIsTheIdAndNeverShowsIt() {
    SessionId id = SessionId.generate(RANDOM).keyedByRawId();
    assertThat(id.key().value()).isEqualTo(id.value());
    assertThat(id.key().isRawId()).isTrue();
    assertThat(id.key().toString()).doesNotContain(id.value().substring(0, 6));
    assertThat(id.key().shortForm()).matches("[0-9a-f]{12}");
  }
}
