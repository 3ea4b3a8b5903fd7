package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.SetCookieParser;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CookieSettingsTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void defaults() {
    CookieSettings s = CookieSettings.defaults();
    assertThat(s.name()).isEqualTo("sid");
    assertThat(s.path()).isEqualTo("/");
    assertThat(s.domain()).isEmpty();
    assertThat(s.maxAge()).isEmpty();
    assertThat(s.httpOnly()).isTrue();
    assertThat(s.secure()).isEqualTo(SecureMode.ALWAYS);
    assertThat(s.sameSite()).isEqualTo(SameSite.LAX);
    assertThat(s.partitioned()).isFalse();
    assertThat(s.hostPrefix()).isFalse();
  }

  @Test
  void invalidCombinationsAreRefusedAtBuild() {
    assertThatThrownBy(
            () -> CookieSettings.builder().sameSite(SameSite.NONE).secure(SecureMode.NEVER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SameSite=None requires secure ALWAYS");
    assertThatThrownBy(
            () -> CookieSettings.builder().sameSite(SameSite.NONE).secure(SecureMode.AUTO).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SameSite=None requires secure ALWAYS (secure is AUTO)");
    assertThatThrownBy(() -> CookieSettings.builder().maxAge(Duration.ofDays(4000)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400 days");
    assertThatThrownBy(() -> CookieSettings.builder().hostPrefix(true).domain("a.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("__Host-");
    assertThatThrownBy(() -> CookieSettings.builder().hostPrefix(true).path("/app").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Path=/");
    assertThatThrownBy(
            () -> CookieSettings.builder().hostPrefix(true).secure(SecureMode.AUTO).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> CookieSettings.builder().partitioned(true).secure(SecureMode.NEVER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Partitioned");
    assertThatThrownBy(() -> CookieSettings.builder().name("bad name").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().name("semi;colon").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().name("").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().path("app").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().path("/a;b").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().domain("a.com;x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSettings.builder().maxAge(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostPrefixIsPartOfTheName() {
    CookieSettings s = CookieSettings.builder().hostPrefix(true).build();
    assertThat(s.name()).isEqualTo("__Host-sid");
    assertThat(SetCookie.session(s, "v", false, NOW).render())
        .startsWith("__Host-sid=v; Path=/")
        .contains("; Secure")
        .doesNotContain("Domain");
  }

  @Test
  void rendersRfc6265Attributes() {
    CookieSettings s =
        CookieSettings.builder()
            .domain("example.com")
            .maxAge(Duration.ofHours(1))
            .sameSite(SameSite.STRICT)
            .partitioned(true)
            .build();
    assertThat(SetCookie.session(s, "abc", true, NOW).render())
        .isEqualTo(
            "sid=abc; Path=/; Domain=example.com; Max-Age=3600;"
                + " Expires=Tue, 01 Jan 2030 01:00:00 GMT; Secure; HttpOnly; SameSite=Strict;"
                + " Partitioned");
  }

  @Test
  void clearingCookieKeepsPathAndDomain() {
    CookieSettings s = CookieSettings.builder().path("/app").domain("example.com").build();
    SetCookie clear = SetCookie.clearing(s, true);
    assertThat(clear.isClearing()).isTrue();
    assertThat(clear.render())
        .isEqualTo(
            "sid=; Path=/app; Domain=example.com; Max-Age=0;"
                + " Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax");
    assertThat(clear.toString()).contains("clearing");
  }

  @Test
  void secureModes() {
    assertThat(SecureMode.ALWAYS.secure(false)).isTrue();
    assertThat(SecureMode.NEVER.secure(true)).isFalse();
    assertThat(SecureMode.AUTO.secure(true)).isTrue();
    assertThat(SecureMode.AUTO.secure(false)).isFalse();
  }

  @Test
  void parseIgnoresUnknownAttributesAndBadNumbers() {
    assertThat(SetCookieParser.parse("sid=v; Max-Age=x; Expires=never; Foo=bar; SameSite=odd"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.maxAge()).isNull();
              assertThat(c.expires()).isNull();
              assertThat(c.sameSite()).isNull();
            });
    assertThat(SetCookieParser.parse("novalue")).isEmpty();
    assertThat(SetCookieParser.parse(null)).isEmpty();
    assertThat(SetCookieParser.parse("sid=v").orElseThrow().toString()).doesNotContain("=v");
  }

  @Property
  void renderThenParseGivesTheSettingsBack(
      @ForAll("settings") CookieSettings s, @ForAll boolean requestSecure) {
    SetCookie rendered = SetCookie.session(s, "value", requestSecure, NOW);
    SetCookie parsed = SetCookieParser.parse(rendered.render()).orElseThrow();
    assertThat(parsed).isEqualTo(rendered);
    assertThat(parsed.name()).isEqualTo(s.name());
    assertThat(parsed.path()).isEqualTo(s.path());
    assertThat(parsed.domain()).isEqualTo(s.domain().orElse(null));
    assertThat(parsed.maxAge()).isEqualTo(s.maxAge().orElse(null));
    assertThat(parsed.httpOnly()).isEqualTo(s.httpOnly());
    assertThat(parsed.secure()).isEqualTo(s.secure().secure(requestSecure));
    assertThat(parsed.sameSite()).isEqualTo(s.sameSite());
    assertThat(parsed.partitioned()).isEqualTo(s.partitioned());
    SetCookie clearing = SetCookie.clearing(s, requestSecure);
    assertThat(SetCookieParser.parse(clearing.render())).contains(clearing);
  }

  @Provide
  Arbitrary<CookieSettings> settings() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019_-!#").ofMinLength(1);
    Arbitrary<String> paths = Arbitraries.of("/", "/app", "/a/b-c");
    Arbitrary<String> domains = Arbitraries.of("example.com", ".example.org").injectNull(0.5);
    Arbitrary<Duration> maxAges =
        Arbitraries.longs().between(1, 400L * 86400).map(Duration::ofSeconds).injectNull(0.4);
    return Combinators.combine(
            names,
            paths,
            domains,
            maxAges,
            Arbitraries.of(true, false),
            Arbitraries.of(SameSite.class),
            Arbitraries.of(true, false),
            Arbitraries.of(SecureMode.ALWAYS, SecureMode.AUTO))
        .as(
            (name, path, domain, maxAge, httpOnly, sameSite, partitioned, secure) ->
                CookieSettings.builder()
                    .name(name)
                    .path(path)
                    .domain(domain)
                    .maxAge(maxAge)
                    .httpOnly(httpOnly)
                    .sameSite(sameSite)
                    .partitioned(partitioned)
                    .secure(sameSite == SameSite.NONE || partitioned ? SecureMode.ALWAYS : secure)
                    .build());
  }

  @Test
  void eachCookieSettingIsGivenOnceAndTheBuilderBuildsAgain() {
    assertThatThrownBy(() -> CookieSettings.builder().name("a").name("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("name was already set");
    assertThatThrownBy(() -> CookieSettings.builder().domain(null).domain("example.com"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("domain was already set");
    assertThatThrownBy(() -> CookieSettings.builder().httpOnly(false).httpOnly(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("httpOnly was already set");
    CookieSettings.Builder builder = CookieSettings.builder().name("app");
    assertThat(builder.build().name()).isEqualTo("app");
    assertThat(builder.maxAge(Duration.ofDays(1)).build().maxAge()).contains(Duration.ofDays(1));
  }

  /**
   * Over the whole settings space, including combinations browsers reject: a setting either fails
   * at build, or every cookie it makes, on HTTPS and on plain HTTP, is one a browser keeps.
   */
  @Property(tries = 500)
  void everyCookieThatCanBeBuiltIsOneBrowsersKeep(
      @ForAll("rawSettings") java.util.function.Supplier<CookieSettings> settings,
      @ForAll boolean requestSecure) {
    CookieSettings s;
    try {
      s = settings.get();
    } catch (IllegalStateException | IllegalArgumentException refused) {
      return;
    }
    for (SetCookie c :
        java.util.List.of(
            SetCookie.session(s, "value", requestSecure, NOW),
            SetCookie.clearing(s, requestSecure))) {
      if (c.sameSite() == SameSite.NONE || c.partitioned()) {
        assertThat(c.secure()).as("SameSite=None and Partitioned need Secure").isTrue();
      }
      if (c.name().startsWith("__Host-")) {
        assertThat(c.secure()).isTrue();
        assertThat(c.path()).isEqualTo("/");
        assertThat(c.domain()).isNull();
      }
      if (c.maxAge() != null) {
        assertThat(c.maxAge()).isLessThanOrEqualTo(Duration.ofDays(400));
      }
    }
  }

  @Provide
  Arbitrary<java.util.function.Supplier<CookieSettings>> rawSettings() {
    Arbitrary<Duration> maxAges =
        Arbitraries.longs().between(1, 4000L * 86400).map(Duration::ofSeconds).injectNull(0.3);
    return Combinators.combine(
            Arbitraries.of("/", "/app"),
            Arbitraries.of("example.com").injectNull(0.5),
            maxAges,
            Arbitraries.of(SameSite.class),
            Arbitraries.of(true, false),
            Arbitraries.of(SecureMode.class),
            Arbitraries.of(true, false))
        .as(
            (path, domain, maxAge, sameSite, partitioned, secure, hostPrefix) ->
                () ->
                    CookieSettings.builder()
                        .path(path)
                        .domain(domain)
                        .maxAge(maxAge)
                        .sameSite(sameSite)
                        .partitioned(partitioned)
                        .secure(secure)
                        .hostPrefix(hostPrefix)
                        .build());
  }
}
