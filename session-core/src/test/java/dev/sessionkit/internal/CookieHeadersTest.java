package dev.sessionkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CookieHeadersTest {

  @Test
  void findsTheValueAmongOthers() {
    assertThat(CookieHeaders.values(List.of("a=1; sid=abc; b=2"), "sid")).containsExactly("abc");
    assertThat(CookieHeaders.values(List.of("sid=abc"), "sid")).containsExactly("abc");
    assertThat(CookieHeaders.values(List.of("  sid = abc ;"), "sid")).containsExactly("abc");
  }

  @Test
  void namesCompareByteForByte() {
    assertThat(CookieHeaders.values(List.of("SID=x; sid2=y; xsid=z; sid=ok"), "sid"))
        .containsExactly("ok");
  }

  @Test
  void valuesAreNotUrlDecodedAndQuotesAreKept() {
    assertThat(CookieHeaders.values(List.of("sid=a%2Eb; sid=\"q\""), "sid"))
        .containsExactly("a%2Eb", "\"q\"");
  }

  @Test
  void duplicatesComeBackInOrderAcrossHeadersUpToALimit() {
    assertThat(CookieHeaders.values(List.of("sid=1; sid=2", "sid=3"), "sid"))
        .containsExactly("1", "2", "3");
    String many = String.join("; ", java.util.Collections.nCopies(20, "sid=v"));
    assertThat(CookieHeaders.values(List.of(many), "sid")).hasSize(CookieHeaders.MAX_VALUES);
  }

  @Test
  void oversizedValuesAndNullsAreSkipped() {
    String huge = "sid=" + "x".repeat(CookieHeaders.MAX_VALUE_LENGTH + 1);
    assertThat(CookieHeaders.values(Arrays.asList(null, huge, "sid=ok"), "sid"))
        .containsExactly("ok");
    assertThat(CookieHeaders.values(null, "sid")).isEmpty();
    assertThat(CookieHeaders.values(List.of("", ";;;", "=x", "sid"), "sid")).isEmpty();
  }

  @Property
  void neverThrowsAndOnlyReturnsValuesThatFollowTheName(@ForAll String header) {
    for (String value : CookieHeaders.values(List.of(header), "sid")) {
      assertThat(header).contains(value);
      assertThat(value).doesNotContain(";");
    }
  }
}
