package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The User-Agent families client binding reads. */
class ClientBindingTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox on Linux",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36 | Chrome on Windows",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge on Windows",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/18.1 Safari/605.1.15 | Safari on macOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
            + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari on iOS",
        "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.6778.81 Mobile Safari/537.36 | Chrome on Android",
        "curl/7.88.1 | curl on other",
      })
  void readsTheFamilyAndIgnoresVersions(String userAgent, String family) {
    assertThat(ClientBinding.family(userAgent)).isEqualTo(family);
  }

  @Property
  void anyHeaderGivesAShortDescriptionAndNeverThrows(@ForAll String userAgent) {
    assertThat(ClientBinding.family(userAgent)).hasSizeLessThan(40).contains(" on ");
    assertThat(ClientBinding.family(null)).isEqualTo("other on other");
  }
}
