package dev.sessionkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CookieSignerTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String OLD = "an old secret that is long enough to be accepted!";
  private static final String NEW = "a new secret, also more than thirty-two bytes long";

  private final CookieSigner signer = new CookieSigner(KeyRing.of(NEW), "sid");

  @Property
  void signedValuesVerify(@ForAll("ids") SessionId id) {
    String value = signer.sign(id);
    assertThat(value).hasSize(CookieSigner.VALUE_LENGTH).startsWith(id.value() + ".");
    assertThat(signer.verify(value)).contains(id);
  }

  @Property
  void anyFlippedBitFails(
      @ForAll("ids") SessionId id,
      @ForAll @IntRange(min = 0, max = CookieSigner.VALUE_LENGTH - 1) int index,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    char[] chars = signer.sign(id).toCharArray();
    chars[index] = (char) (chars[index] ^ (1 << bit));
    assertThat(signer.verify(new String(chars))).isEmpty();
  }

  @Property
  void anIdCharacterPastLatin1WithTheSameLowByteFails(
      @ForAll("ids") SessionId id,
      @ForAll @IntRange(min = 0, max = SessionId.LENGTH - 1) int index,
      @ForAll @IntRange(min = 1, max = 0xFF) int high) {
    // The MAC is computed over each character's low byte: the text itself must still be checked.
    char[] chars = signer.sign(id).toCharArray();
    chars[index] = (char) ((high << 8) | chars[index]);
    assertThat(signer.verify(new String(chars))).isEmpty();
    chars[SessionId.LENGTH + 1 + index % 43] ^= 0x100; // in the MAC too
    assertThat(signer.verify(new String(chars))).isEmpty();
  }

  @Property
  void anyTruncationOrExtensionFails(
      @ForAll("ids") SessionId id,
      @ForAll @IntRange(min = 0, max = CookieSigner.VALUE_LENGTH - 1) int length) {
    String value = signer.sign(id);
    assertThat(signer.verify(value.substring(0, length))).isEmpty();
    assertThat(signer.verify(value + "A")).isEmpty();
  }

  @Property
  void arbitraryTextNeverThrowsAndNeverVerifies(@ForAll String text) {
    assertThat(signer.verify(text)).isEmpty();
  }

  @Property
  void retiredKeyVerifiesWhileInTheRingOnly(@ForAll("ids") SessionId id) {
    String signedWithOld = new CookieSigner(KeyRing.of(OLD), "sid").sign(id);
    CookieSigner rotated = new CookieSigner(KeyRing.of(NEW, OLD), "sid");
    assertThat(rotated.verify(signedWithOld)).contains(id);
    assertThat(rotated.sign(id)).isEqualTo(signer.sign(id));
    assertThat(signer.verify(signedWithOld)).isEmpty();
  }

  @Property
  void aValueDoesNotVerifyUnderAnotherCookieName(@ForAll("ids") SessionId id) {
    CookieSigner other = new CookieSigner(KeyRing.of(NEW), "other");
    assertThat(other.verify(signer.sign(id))).isEmpty();
  }

  @Test
  void macIsHmacSha256OverNameAndIdUnderTheDerivedKey() throws Exception {
    KeyRing ring = KeyRing.of(NEW);
    SessionId id = SessionId.generate(RANDOM);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(ring.derive(0, "sessionkit/v1/cookie-signature", 32), "HmacSHA256"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(("sid=" + id.value()).getBytes(StandardCharsets.US_ASCII)));
    assertThat(signer.sign(id)).isEqualTo(id.value() + "." + expected);
  }

  @Test
  void keyRingRefusesMissingAndShortSecrets() {
    assertThatThrownBy(KeyRing::of)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> KeyRing.of("too short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> KeyRing.of(NEW, null)).isInstanceOf(NullPointerException.class);
    assertThat(KeyRing.of(NEW, OLD).size()).isEqualTo(2);
    assertThat(KeyRing.of(NEW).toString()).doesNotContain(NEW);
  }

  @Test
  void derivedKeysDifferByPurposeAndByKey() {
    KeyRing ring = KeyRing.of(NEW, OLD);
    assertThat(ring.derive(0, "a", 32)).isNotEqualTo(ring.derive(0, "b", 32));
    assertThat(ring.derive(0, "a", 32)).isNotEqualTo(ring.derive(1, "a", 32));
    assertThat(ring.derive(0, "a", 16)).hasSize(16);
    assertThatThrownBy(() -> ring.derive(0, "a", 33)).isInstanceOf(IllegalArgumentException.class);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<SessionId> ids() {
    return net.jqwik.api.Arbitraries.randomValue(r -> SessionId.generate(RANDOM));
  }
}
