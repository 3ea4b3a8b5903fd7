package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.internal.CookieSigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cookie format is picked once; SessionKit's own keeps none of express-session's rules. */
class CookieDialectTest {

  @Test
  void eachFormatHasItsDialect() {
    assertThat(CookieDialect.of(CookieFormat.SESSIONKIT)).isSameAs(CookieDialect.SESSIONKIT);
    assertThat(CookieDialect.of(CookieFormat.EXPRESS)).isSameAs(ExpressDialect.INSTANCE);
    assertThat(CookieDialect.SESSIONKIT.signer(KeyRing.of(EngineFixture.SECRET), "sid"))
        .isInstanceOf(CookieSigner.class);
    assertThat(ExpressDialect.INSTANCE.signer(KeyRing.of(EngineFixture.SECRET), "sid"))
        .isInstanceOf(ExpressCookie.class);
  }

  @Test
  void theDefaultFormatTakesExpressReservedNamesAndSendsMaxAge() {
    EngineFixture f =
        new EngineFixture(
            b -> b.cookie(CookieSettings.builder().maxAge(Duration.ofHours(1)).build()));
    SessionContext ctx = f.request();
    ctx.getOrCreate().set("cookie", "crumbs");
    SetCookie cookie = ctx.commit().orElseThrow();
    assertThat(cookie.name()).isEqualTo("sid");
    assertThat(cookie.render()).contains("Max-Age=3600");
    assertThat(f.request(cookie.value()).current().orElseThrow().get("cookie", String.class))
        .contains("crumbs");
  }
}
