package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.SessionId;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** "Your sessions": listing, handles, and ending one, the others, or all of a principal's. */
class SessionsByPrincipalTest {

  private final EngineFixture f = new EngineFixture();
  private final SessionsByPrincipal all = f.engine.byPrincipal().orElseThrow();

  private static String idOf(String cookie) {
    return cookie.substring(0, SessionId.LENGTH);
  }

  @Test
  void listMarksTheRequestsOwnSessionAndNamesEachByAHandleThatIsNeitherIdNorKey() {
    String laptop = f.login("frodo");
    f.clock.advance(Duration.ofMinutes(1));
    String phone = f.login("frodo");
    f.login("sam");

    Session own = f.request(laptop).current().orElseThrow();
    List<SessionInfo> listed = all.list(own);

    assertThat(listed).hasSize(2);
    assertThat(listed)
        .filteredOn(SessionInfo::current)
        .singleElement()
        .extracting(SessionInfo::key)
        .isEqualTo(SessionId.of(idOf(laptop)).key());
    assertThat(listed.get(0).key()).isEqualTo(SessionId.of(idOf(phone)).key()); // latest first
    for (SessionInfo info : listed) {
      assertThat(info.handle()).hasSize(22).matches("[A-Za-z0-9_-]+");
      assertThat(idOf(laptop) + idOf(phone) + laptop + phone).doesNotContain(info.handle());
      assertThat(info.key().value()).doesNotContain(info.handle());
    }
    assertThat(all.list("frodo")).noneMatch(SessionInfo::current);
    assertThat(all.list("frodo"))
        .extracting(SessionInfo::handle)
        .containsExactlyElementsOf(listed.stream().map(SessionInfo::handle).toList());
  }

  @Test
  void aSessionWithoutPrincipalListsAndEndsNothing() {
    String frodo = f.login("frodo");
    Session anonymous = f.request().getOrCreate();
    String handle = all.list("frodo").get(0).handle();

    assertThat(all.list(anonymous)).isEmpty();
    assertThat(all.invalidate(anonymous, handle)).isFalse();
    assertThat(all.invalidateOthers(anonymous)).isZero();
    assertThat(f.request(frodo).current()).isPresent();
  }

  @Test
  void invalidateByHandleEndsThatSessionOnly() {
    String laptop = f.login("frodo");
    String phone = f.login("frodo");
    Session own = f.request(laptop).current().orElseThrow();
    String phoneHandle =
        all.list(own).stream().filter(i -> !i.current()).findFirst().orElseThrow().handle();

    assertThat(all.invalidate(own, phoneHandle)).isTrue();
    assertThat(f.request(phone).current()).isEmpty();
    assertThat(f.request(laptop).current()).isPresent();
    assertThat(f.events)
        .contains("invalidated " + SessionId.of(idOf(phone)).key().shortForm() + " LOGOUT");
    assertThat(all.invalidate(own, phoneHandle)).as("already ended").isFalse();
  }

  @Test
  void anotherPrincipalsHandleEndsNothing() {
    String frodo = f.login("frodo");
    String sam = f.login("sam");
    String samsHandle = all.list("sam").get(0).handle();
    Session frodos = f.request(frodo).current().orElseThrow();
    int deletesBefore = f.store.deletes.get();

    assertThat(all.invalidate(frodos, samsHandle)).isFalse();
    assertThat(all.invalidate("frodo", samsHandle)).isFalse();
    assertThat(f.store.deletes.get()).isEqualTo(deletesBefore);
    assertThat(f.request(sam).current()).isPresent();
  }

  @Property(tries = 200)
  void anyStringThatIsNotAHandleEndsNothingAndNeverThrows(@ForAll String junk) {
    EngineFixture fixture = new EngineFixture();
    SessionsByPrincipal sessions = fixture.engine.byPrincipal().orElseThrow();
    String cookie = fixture.login("frodo");
    Session own = fixture.request(cookie).current().orElseThrow();
    String real = sessions.list(own).get(0).handle();

    if (!junk.equals(real)) {
      assertThat(sessions.invalidate(own, junk)).isFalse();
      assertThat(sessions.invalidate("frodo", junk)).isFalse();
      assertThat(fixture.request(cookie).current()).isPresent();
    }
  }

  @Test
  void aHandleDifferingInItsUnusedLastBitsIsNotAcceptedAsAnotherSpelling() {
    f.login("frodo");
    String handle = all.list("frodo").get(0).handle();
    char last = handle.charAt(21);
    // The last character carries 2 bits of the MAC and 4 zero bits; set one of the zero bits.
    String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char other = base64url.charAt(base64url.indexOf(last) | 1);
    String respelled = handle.substring(0, 21) + other;

    assertThat(respelled).isNotEqualTo(handle);
    assertThat(all.invalidate("frodo", respelled)).isFalse();
  }

  @Test
  void endingTheOwnSessionByHandleInvalidatesItAndClearsTheCookie() {
    String laptop = f.login("frodo");
    SessionContext request = f.request(laptop);
    Session own = request.current().orElseThrow();
    String ownHandle = all.list(own).get(0).handle();

    assertThat(all.invalidate(own, ownHandle)).isTrue();
    assertThat(request.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(f.request(laptop).current()).isEmpty();
  }

  @Test
  void invalidateOthersKeepsTheOwnSessionAndOtherPrincipals() {
    String laptop = f.login("frodo");
    String phone = f.login("frodo");
    String tablet = f.login("frodo");
    String sam = f.login("sam");

    assertThat(all.invalidateOthers(f.request(laptop).current().orElseThrow())).isEqualTo(2);
    assertThat(f.request(phone).current()).isEmpty();
    assertThat(f.request(tablet).current()).isEmpty();
    assertThat(f.request(laptop).current()).isPresent();
    assertThat(f.request(sam).current()).isPresent();
    assertThat(f.events).filteredOn(e -> e.endsWith("LOGOUT_EVERYWHERE")).hasSize(2);
  }

  @Test
  void handlesMadeBeforeAKeyRotationStillResolveUntilTheOldKeyIsDropped() {
    f.login("frodo");
    String oldHandle = all.list("frodo").get(0).handle();
    String newSecret = "fedcba9876543210fedcba9876543210-new";
    SessionsByPrincipal rotated =
        SessionManager.create(
                SessionConfig.builder()
                    .secret(newSecret, EngineFixture.SECRET)
                    .clock(f.clock)
                    .build(),
                context -> f.store)
            .byPrincipal()
            .orElseThrow();
    SessionsByPrincipal dropped =
        SessionManager.create(
                SessionConfig.builder().secret(newSecret).clock(f.clock).build(),
                context -> f.store)
            .byPrincipal()
            .orElseThrow();

    assertThat(rotated.list("frodo").get(0).handle()).isNotEqualTo(oldHandle);
    assertThat(dropped.invalidate("frodo", oldHandle)).isFalse();
    assertThat(rotated.invalidate("frodo", oldHandle)).isTrue();
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void theDeviceIsRecordedOnRequestListedAndHiddenFromAttributeNames() {
    SessionContext login = f.request();
    Session s = login.getOrCreate();
    s.setPrincipal("frodo");
    s.setDevice("Firefox on Linux");
    login.commit();
    f.login("frodo"); // a session without a device

    assertThat(s.device()).contains("Firefox on Linux");
    assertThat(s.attributeNames()).isEmpty();
    assertThat(all.list("frodo"))
        .extracting(SessionInfo::device)
        .containsExactlyInAnyOrder(
            java.util.Optional.of("Firefox on Linux"), java.util.Optional.empty());
    assertThatThrownBy(() -> s.setDevice("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.set("sessionkit.device", "forged"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSessionOfAnotherManagerIsRefused() {
    EngineFixture other = new EngineFixture();
    Session foreign = other.request(other.login("frodo")).current().orElseThrow();

    assertThatThrownBy(() -> all.list(foreign)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> all.invalidateOthers(foreign))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
