package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.internal.SessionId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expiring a login by its handle ({@link SessionsByPrincipal#expire}): the session stays, empty and
 * logged out, for its next request to learn why; it leaves the principal's list and cap.
 */
class ExpireTest {

  private final EngineFixture f = new EngineFixture();
  private final SessionsByPrincipal all = f.engine.byPrincipal().orElseThrow();

  private static String idOf(String cookie) {
    return cookie.substring(0, SessionId.LENGTH);
  }

  private String handleOf(String cookie) {
    Session own = f.request(cookie).current().orElseThrow();
    return all.list(own).stream().filter(SessionInfo::current).findFirst().orElseThrow().handle();
  }

  @Test
  void anExpiredSessionStaysLoggedOutAndEmptyAndSaysWhose() {
    String laptop = f.login("frodo");
    String phone = f.login("frodo");
    String sam = f.login("sam");

    assertThat(all.expire("frodo", handleOf(laptop))).isTrue();

    Session expired = f.request(laptop).current().orElseThrow();
    assertThat(expired.principal()).isEmpty();
    assertThat(expired.attributeNames()).isEmpty();
    assertThat(expired.get("user", String.class)).isEmpty();
    assertThat(all.expiredPrincipal(expired)).contains("frodo");
    assertThat(all.list("frodo"))
        .extracting(SessionInfo::key)
        .containsExactly(SessionId.of(idOf(phone)).key());
    assertThat(all.expiredPrincipal(f.request(phone).current().orElseThrow())).isEmpty();
    assertThat(f.request(sam).current().orElseThrow().principal()).contains("sam");
    assertThat(f.events)
        .contains("invalidated " + SessionId.of(idOf(laptop)).key().shortForm() + " EXPIRED");
  }

  @Test
  void aNewLoginOnTheSessionDropsTheMarkAndALogoutEndsIt() {
    String laptop = f.login("frodo");
    all.expire("frodo", handleOf(laptop));

    SessionContext again = f.request(laptop);
    Session s = again.current().orElseThrow();
    s.setPrincipal("frodo");
    again.commit();
    assertThat(all.expiredPrincipal(f.request(laptop).current().orElseThrow())).isEmpty();

    String phone = f.login("frodo");
    all.expire("frodo", handleOf(phone));
    SessionContext logout = f.request(phone);
    Session ending = logout.current().orElseThrow();
    ending.invalidate();
    logout.commit();
    assertThat(all.expiredPrincipal(ending)).isEmpty();
    assertThat(f.request(phone).current()).isEmpty();
  }

  @Test
  void aHandleOfAnotherPrincipalOrOfAnEndedSessionExpiresNothing() {
    String frodo = f.login("frodo");
    String sam = f.login("sam");
    String frodosHandle = handleOf(frodo);

    assertThat(all.expire("sam", frodosHandle)).isFalse();
    assertThat(all.expire("frodo", "not-a-handle")).isFalse();
    assertThat(all.expire("frodo", frodosHandle)).isTrue();
    assertThat(all.expire("frodo", frodosHandle)).as("already expired").isFalse();
    assertThat(f.request(sam).current().orElseThrow().principal()).contains("sam");

    SessionContext ctx = f.request(frodo);
    ctx.current().orElseThrow().invalidate();
    ctx.commit();
    assertThat(f.store.records).hasSize(1); // sam's; nothing made again
  }

  @Test
  void aListingCarriesTheApplicationsAttributeNamesOnly() {
    SessionContext login = f.request();
    Session s = login.getOrCreate();
    s.setPrincipal("frodo");
    s.setDevice("Firefox on Linux");
    s.set("cart", 3);
    login.commit();

    assertThat(all.list("frodo").get(0).attributeNames()).isEqualTo(Set.of("cart"));
  }
}
