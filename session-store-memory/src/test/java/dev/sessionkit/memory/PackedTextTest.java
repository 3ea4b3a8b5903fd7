package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Any string round-trips exactly, surrogates and all, and compares without decoding. */
class PackedTextTest {

  @Property(tries = 500)
  void anyStringRoundTrips(@ForAll @CharRange(from = '\u0000', to = '\uffff') String s) {
    assertRoundTrip(s);
  }

  @Property(tries = 100)
  void longStringsRoundTrip(
      @ForAll @StringLength(min = 100, max = 20_000) @CharRange(from = '\u0000', to = '\u01ff')
          String s) {
    assertRoundTrip(s);
  }

  @Example
  void loneSurrogatesAndEdgeCharsAreKept() {
    for (String s :
        new String[] {"", "\uD800", "a\uDC00b", "\uDBFF\uDFFF", "\u00ff", "\u0100", "é€😀"}) {
      assertRoundTrip(s);
    }
  }

  @Property
  void equalStringsHaveEqualBytes(@ForAll String a, @ForAll String b) {
    assertThat(java.util.Arrays.equals(PackedText.encode(a), PackedText.encode(b)))
        .isEqualTo(a.equals(b));
    assertThat(PackedText.matches(PackedText.encode(a), 0, b)).isEqualTo(a.equals(b));
  }

  @Property
  void varintsRoundTrip(@ForAll @net.jqwik.api.constraints.Positive int value) {
    byte[] b = new byte[5];
    int end = PackedText.writeVarint(b, 0, value);
    assertThat(end).isEqualTo(PackedText.varintSize(value));
    assertThat(PackedText.readVarint(b, 0)).isEqualTo(value);
  }

  private static void assertRoundTrip(String s) {
    byte[] b = PackedText.encode(s);
    assertThat(b).hasSize((int) PackedText.size(s, PackedText.isLatin1(s)));
    assertThat(PackedText.read(b, 0)).isEqualTo(s);
    assertThat(PackedText.skip(b, 0)).isEqualTo(b.length);
    assertThat(PackedText.matches(b, 0, s)).isTrue();
    assertThat(PackedText.matches(b, 0, s + "x")).isFalse();
  }
}
