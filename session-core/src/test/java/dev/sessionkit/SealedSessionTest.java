package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.SessionSealer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SealedSessionTest {

  private static final String KEY = "sealing key one, at least thirty-two bytes";
  private static final String OLD_KEY = "an older sealing key, also thirty-two bytes+";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FakeClock clock = new FakeClock();
  private final SessionManager engine = engine(KEY);

  private SessionManager engine(String... keys) {
    return engine(CookieSettings.defaults(), keys);
  }

  private SessionManager engine(CookieSettings cookie, String... keys) {
    return SessionManager.sealed(
        SessionConfig.builder()
            .keyRing(KeyRing.of(keys))
            .clock(clock)
            .cookie(cookie)
            .idleTimeout(Duration.ofMinutes(30))
            .absoluteTimeout(Duration.ofHours(12))
            .build());
  }

  private static SessionContext request(SessionManager engine, String cookieValue) {
    return engine.open(List.of("sid=" + cookieValue), true);
  }

  private String login(SessionManager engine, Map<String, Object> attributes) {
    SessionContext ctx = engine.open(List.of(), true);
    Session s = ctx.getOrCreate();
    s.setPrincipal("frodo");
    attributes.forEach(s::set);
    return ctx.commit().orElseThrow().value();
  }

  @Property(tries = 200)
  void sealThenOpenGivesTheSessionBack(@ForAll("attributes") Map<String, String> attributes) {
    String cookie = login(engine, Map.copyOf(attributes));
    assertThat(cookie).startsWith("1.");
    Session s = request(engine, cookie).current().orElseThrow();
    assertThat(s.principal()).contains("frodo");
    assertThat(s.attributeNames()).isEqualTo(attributes.keySet());
    attributes.forEach((k, v) -> assertThat(s.get(k, String.class)).contains(v));
    assertThat(s.creationTime()).isEqualTo(clock.instant());
    assertThat(s.absoluteDeadline()).contains(clock.instant().plus(Duration.ofHours(12)));
  }

  @Property(tries = 300)
  void anyFlippedBitFailsToAFreshSession(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(max = 7) int bit) {
    String cookie = login(engine, Map.of("user", "frodo"));
    char[] chars = cookie.toCharArray();
    int i = position % chars.length;
    chars[i] = (char) (chars[i] ^ (1 << bit));
    assertFresh(engine, new String(chars));
  }

  @Property(tries = 200)
  void anyTruncationFails(@ForAll @IntRange(min = 0, max = 10_000) int length) {
    String cookie = login(engine, Map.of("user", "frodo"));
    assertFresh(engine, cookie.substring(0, length % cookie.length()));
  }

  @Property(tries = 50)
  void anotherCookieNameOrAnotherKeyFails(@ForAll @StringLength(min = 1, max = 10) String x) {
    String cookie = login(engine, Map.of("user", x));
    SessionManager otherName = engine(CookieSettings.builder().name("other").build(), KEY);
    assertThat(otherName.open(List.of("other=" + cookie), true).current()).isEmpty();
    assertFresh(engine("a different key that is long enough to use!!"), cookie);
  }

  @Property(tries = 50)
  void rotationOpensOldValuesUntilTheOldKeyIsRemoved(@ForAll @StringLength(max = 10) String x) {
    String oldCookie = login(engine(OLD_KEY), Map.of("user", x));
    SessionManager rotated = engine(KEY, OLD_KEY);
    assertThat(request(rotated, oldCookie).current()).isPresent();
    String newCookie = login(rotated, Map.of("user", x));
    assertThat(request(engine, newCookie).current()).isPresent();
    assertFresh(engine, oldCookie);
  }

  @Test
  void anExpiredPayloadFails() {
    String cookie = login(engine, Map.of("user", "frodo"));
    clock.advance(Duration.ofMinutes(30));
    assertFresh(engine, cookie);
  }

  @Property(tries = 500)
  void arbitraryTextNeverThrows(@ForAll String value) {
    assertFresh(engine, value);
  }

  private static void assertFresh(SessionManager engine, String value) {
    SessionContext ctx = request(engine, value);
    assertThat(ctx.current()).isEmpty();
    assertThat(ctx.getOrCreate().isNew()).isTrue();
    assertThat(ctx.isRequestedSessionIdValid()).isFalse();
  }

  @Test
  void eachSealUsesAFreshNonce() {
    SessionContext ctx = engine.open(List.of(), true);
    ctx.getOrCreate().set("a", 1);
    String first = ctx.commit().orElseThrow().value();
    String second = engine.open(List.of(), true).getOrCreate().id();
    assertThat(first).doesNotContain(second);
    SessionManager a = engine(KEY);
    SessionContext c1 = a.open(List.of("sid=" + first), true);
    c1.current().orElseThrow().set("b", 2);
    String resealed = c1.commit().orElseThrow().value();
    assertThat(resealed).isNotEqualTo(first);
    assertThat(resealed.substring(0, 9)).isEqualTo(first.substring(0, 9));
  }

  @Test
  void theSessionIdIsInsideTheSealNotVisible() {
    SessionContext ctx = engine.open(List.of(), true);
    Session s = ctx.getOrCreate();
    s.set("secret", "mellon");
    String cookie = ctx.commit().orElseThrow().value();
    assertThat(cookie).doesNotContain(s.id()).doesNotContain("mellon");
  }

  @Test
  void aSessionTooLargeForItsCookieFailsAtSaveSayingHowLarge() {
    SessionContext ctx = engine.open(List.of(), true);
    byte[] noise = new byte[4000];
    RANDOM.nextBytes(noise);
    ctx.getOrCreate().set("blob", java.util.Base64.getEncoder().encodeToString(noise));
    assertThatThrownBy(ctx::commit)
        .isInstanceOfSatisfying(
            SessionTooLargeException.class,
            e -> {
              assertThat(e.size()).isGreaterThan(4096);
              assertThat(e.limit()).isEqualTo(4096);
              assertThat(e.getMessage()).contains(Integer.toString(e.size())).contains("4096");
            });
  }

  @Test
  void compressionLetsRepetitiveSessionsFit() {
    SessionContext ctx = engine.open(List.of(), true);
    ctx.getOrCreate().set("list", "frodo,".repeat(1500));
    String cookie = ctx.commit().orElseThrow().value();
    assertThat(cookie.length()).isLessThan(1000);
    assertThat(request(engine, cookie).current().orElseThrow().get("list", String.class))
        .contains("frodo,".repeat(1500));
  }

  @Test
  void touchReSealsOnlyWhenDueAndRollingIsHonoured() {
    String cookie = login(engine, Map.of("user", "frodo"));
    clock.advance(Duration.ofSeconds(10));
    SessionContext early = request(engine, cookie);
    early.current().orElseThrow();
    assertThat(early.commit()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    SessionContext due = request(engine, cookie);
    due.current().orElseThrow();
    String touched = due.commit().orElseThrow().value();
    clock.advance(Duration.ofMinutes(29));
    assertThat(request(engine, touched).current()).isPresent();
    assertThat(request(engine, cookie).current()).isEmpty();
  }

  @Test
  void invalidateClearsTheCookieAndLogoutEverywhereIsUnavailable() {
    String cookie = login(engine, Map.of("user", "frodo"));
    SessionContext ctx = request(engine, cookie);
    ctx.current().orElseThrow().invalidate();
    assertThat(ctx.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(engine.byPrincipal()).isEmpty();
  }

  @Test
  void aGenuineSealOfUnreadableJsonIsAFreshSession() {
    SessionSealer sealer = new SessionSealer(KeyRing.of(KEY), "sid", RANDOM);
    for (String json : List.of("{}", "[]", "{\"id\":\"x\",\"i\":1,\"at\":{}}", "not json")) {
      assertFresh(engine, sealer.seal(json.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void sealerRefusesBombsAndUnknownFlags() {
    SessionSealer sealer = new SessionSealer(KeyRing.of(KEY), "sid", RANDOM);
    byte[] big = "a".repeat(SessionSealer.MAX_PLAINTEXT + 10).getBytes(StandardCharsets.US_ASCII);
    assertThat(sealer.open(sealer.seal(big))).isEmpty();
    byte[] ok = "b".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    assertThat(sealer.open(sealer.seal(ok))).hasValueSatisfying(v -> assertThat(v).isEqualTo(ok));
    assertThat(sealer.open("1.")).isEmpty();
    assertThat(sealer.open("1.abcdef")).isEmpty();
    assertThat(sealer.open(null)).isEmpty();
    assertThat(Optional.of(sealer.seal(new byte[0])).flatMap(sealer::open))
        .hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Provide
  Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.maps(
            Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().ofMaxLength(40))
        .ofMaxSize(5);
  }

  @Test
  void expressEquivalentsWorkOnSealedSessions() {
    String cookie = login(engine, Map.of("theme", "dark"));
    SessionContext ctx = request(engine, cookie);
    Session s = ctx.current().orElseThrow();
    s.set("theme", "light");
    s.reload();
    assertThat(s.get("theme", String.class)).contains("dark");
    s.setCookieMaxAge(Duration.ofDays(7));
    SetCookie remembered = ctx.commit().orElseThrow();
    assertThat(remembered.maxAge()).isEqualTo(Duration.ofDays(7));

    clock.advance(Duration.ofSeconds(5));
    SessionContext touching = request(engine, remembered.value());
    touching.current().orElseThrow().touch();
    SetCookie touched = touching.commit().orElseThrow();
    assertThat(request(engine, touched.value()).current().orElseThrow().lastAccessTime())
        .isEqualTo(clock.instant());
    assertThat(touched.maxAge())
        .as("the session's own lifetime travels with it")
        .isEqualTo(Duration.ofDays(7));
    assertThat(engine.inventory()).isEmpty();
  }
}
