package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SessionContext#logout()}: the session ends, and the cookie is cleared, race or not. */
class LogoutTest {

  private final EngineFixture f = new EngineFixture();

  @Test
  void twoParallelLogoutsOfOneSessionBothClearTheCookie() {
    String cookie = f.login("frodo");
    SessionContext first = f.request(cookie);
    SessionContext second = f.request(cookie);
    // Both requests have seen the live session before either logs out.
    assertThat(first.current()).isPresent();
    assertThat(second.current()).isPresent();

    first.logout();
    second.logout();

    assertThat(first.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(second.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void aLogoutThatFindsTheSessionAlreadyEndedStillClearsTheCookie() {
    String cookie = f.login("frodo");
    SessionContext winner = f.request(cookie);
    SessionContext loser = f.request(cookie);
    winner.logout();
    assertThat(winner.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());

    // The loser resolves only now: there is no live session left to invalidate.
    loser.logout();

    assertThat(loser.current()).isEmpty();
    assertThat(loser.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
  }

  @Test
  void logoutEndsTheLiveSessionAndItsIdLeadsNowhere() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    ctx.logout();
    ctx.commit();
    assertThat(f.events).last().asString().startsWith("invalidated").endsWith("LOGOUT");
    assertThat(f.request(cookie).current()).isEmpty();
  }

  @Test
  void aLogoutWithoutASessionCookieSendsNoCookie() {
    SessionContext ctx = f.request();
    ctx.logout();
    assertThat(ctx.commit()).isEmpty();
  }

  @Test
  void aLogoutOfASessionMadeInThisRequestSavesNothing() {
    SessionContext ctx = f.request();
    ctx.getOrCreate().set("cart", "apples");
    ctx.logout();
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void aSessionMadeAfterLogoutIsANewOneWithItsOwnCookie() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    ctx.logout();
    Session fresh = ctx.getOrCreate();
    fresh.set("theme", "dark");
    Optional<SetCookie> set = ctx.commit();
    assertThat(set).hasValueSatisfying(c -> assertThat(c.isClearing()).isFalse());
    assertThat(set.orElseThrow().value()).isNotEqualTo(cookie);
    assertThat(f.request(set.orElseThrow().value()).current().orElseThrow().principal()).isEmpty();
  }
}
