package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.internal.CookieHeaders;
import dev.sessionkit.internal.CookieSigner;
import dev.sessionkit.internal.SessionId;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any {@code Cookie} header at all: nothing throws, and the store hears only of genuine ids. */
class HostileCookieTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final EngineFixture f = new EngineFixture();
  private final CookieSigner signer = new CookieSigner(f.engine.config().keyRing(), "sid");

  @Property(tries = 2000)
  void anyHeaderGivesASessionAndReachesTheStoreOnlyWithAValidSignedId(
      @ForAll("headers") String header) {
    int before = f.store.calls.get();
    SessionContext ctx = f.engine.open(List.of(header), false);
    assertThat(ctx.current()).isEmpty();
    Session s = ctx.getOrCreate();
    assertThat(s.isNew()).isTrue();
    boolean genuine =
        CookieHeaders.values(List.of(header), "sid").stream()
            .anyMatch(v -> signer.verify(v).isPresent());
    assertThat(f.store.calls.get() > before).isEqualTo(genuine);
    assertThat(ctx.commit()).isEmpty();
  }

  @Provide
  Arbitrary<String> headers() {
    Arbitrary<String> signed =
        Arbitraries.randomValue(r -> "sid=" + signer.sign(SessionId.generate(RANDOM)));
    Arbitrary<String> nearMiss =
        signed.flatMap(
            s ->
                Arbitraries.integers()
                    .between(4, s.length() - 1)
                    .map(
                        i ->
                            s.substring(0, i)
                                + (s.charAt(i) == 'x' ? 'y' : 'x')
                                + s.substring(i + 1)));
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(300);
    Arbitrary<String> cookieish =
        Arbitraries.strings()
            .withChars("sid=;, \"%\\\t.abcAB09-_")
            .ofMaxLength(120)
            .map(s -> "sid=" + s);
    Arbitrary<String> huge = Arbitraries.strings().ofLength(9000).map(s -> "sid=" + s);
    return Arbitraries.oneOf(signed, nearMiss, noise, cookieish, huge);
  }
}
