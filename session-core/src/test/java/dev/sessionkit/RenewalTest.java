package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.SessionKey;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Id renewal: a new id every interval, the old one leading to the session for the grace. */
class RenewalTest {

  private final EngineFixture f = new EngineFixture();

  /** Moves the clock past the renewal interval and renews through a request that reads. */
  private String renew(String cookie) {
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
    SessionContext ctx = f.request(cookie);
    assertThat(ctx.current()).isPresent();
    return ctx.commit().orElseThrow().value();
  }

  @Test
  void aSessionGetsANewIdOnceTheIntervalHasPassed() {
    String old = f.login("frodo");
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL.minusMillis(1));
    SessionContext early = f.request(old);
    assertThat(early.current()).isPresent();
    assertThat(early.commit()).isEmpty();

    String renewed = renew(old);

    assertThat(renewed).isNotEqualTo(old);
    assertThat(f.request(renewed).current().orElseThrow().principal()).contains("frodo");
    assertThat(f.events).last().asString().startsWith("regenerated").endsWith("RENEWED");
    // Moved, not copied: one record, under the new key.
    assertThat(f.store.records).hasSize(1);
  }

  @Test
  void aCommitThatCanSendNoCookieWritesButPutsTheRenewalOff() {
    String old = f.login("frodo");
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
    SessionContext late = f.request(old);
    late.current().orElseThrow().set("seen", true);
    assertThat(late.commit(false)).as("no cookie can follow the response").isEmpty();

    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);
    SessionContext next = f.request(old);
    assertThat(next.current().orElseThrow().get("seen", Boolean.class))
        .as("still under its old id, with the late write")
        .contains(true);
    assertThat(next.commit().orElseThrow().value()).isNotEqualTo(old);
  }

  @Test
  void theOldIdLeadsToTheSessionForTheGraceAndIsUnknownAfter() {
    String old = f.login("frodo");
    String renewed = renew(old);

    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE.minusMillis(1));
    SessionContext inFlight = f.request(old);
    Session s = inFlight.current().orElseThrow();
    assertThat(s.principal()).contains("frodo");
    s.set("cart", 3);
    // The only id this request knows is the old one: it is never sent again.
    assertThat(inFlight.commit()).isEmpty();
    assertThat(f.request(renewed).current().orElseThrow().get("cart", Integer.class)).contains(3);

    f.clock.advance(Duration.ofMillis(1));
    assertThat(f.request(old).current()).isEmpty();
    assertThat(f.request(renewed).current()).isPresent();
  }

  @Test
  void aRequestThatLoadedBeforeTheRenewalKeepsItsWrite() {
    String old = f.login("frodo");
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
    SessionContext upload = f.request(old);
    upload.current().orElseThrow().set("upload", "done");
    SessionContext xhr = f.request(old);
    assertThat(xhr.current()).isPresent();
    String renewed = xhr.commit().orElseThrow().value();

    // The upload was due for renewal too, but the other request moved the session first.
    assertThat(upload.commit()).isEmpty();
    Session now = f.request(renewed).current().orElseThrow();
    assertThat(now.get("upload", String.class)).contains("done");
    assertThat(f.store.records).hasSize(1);
  }

  @Test
  void aWriteThatFindsTheOldIdEndedAfterALongRequestDoesNotClearTheNewCookie() {
    String old = f.login("frodo");
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL.minusSeconds(1));
    SessionContext upload = f.request(old);
    upload.current().orElseThrow().set("upload", "done");
    f.clock.advance(Duration.ofSeconds(1));
    SessionContext xhr = f.request(old);
    assertThat(xhr.current()).isPresent();
    String renewed = xhr.commit().orElseThrow().value();
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);

    // Its write is lost with the old id, but its response must not log the browser out.
    assertThat(upload.commit()).isEmpty();
    assertThat(f.request(renewed).current()).isPresent();
  }

  @Test
  void logoutThroughTheOldIdEndsTheRenewedSession() {
    String old = f.login("frodo");
    String renewed = renew(old);

    SessionContext logout = f.request(old);
    logout.current().orElseThrow().invalidate();
    logout.commit();

    assertThat(f.request(renewed).current()).isEmpty();
    assertThat(f.request(old).current()).isEmpty();
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void regenerateEndsTheOldIdAtOnceButRenewKeepsItForTheGrace() {
    String old = f.login("frodo");
    SessionContext login = f.request(old);
    login.current().orElseThrow().regenerate(true);
    String regenerated = login.commit().orElseThrow().value();
    assertThat(f.request(old).current()).isEmpty();

    SessionContext explicit = f.request(regenerated);
    explicit.current().orElseThrow().renew();
    String renewed = explicit.commit().orElseThrow().value();
    assertThat(renewed).isNotEqualTo(regenerated);
    assertThat(f.request(regenerated).current()).isPresent();
    assertThat(f.request(renewed).current()).isPresent();
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);
    assertThat(f.request(regenerated).current()).isEmpty();
  }

  @Test
  void theNextRenewalCountsFromTheLastOne() {
    String first = renew(f.login("frodo"));
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL.minusMillis(1));
    SessionContext ctx = f.request(first);
    assertThat(ctx.current()).isPresent();
    assertThat(ctx.commit()).isEmpty();
    f.clock.advance(Duration.ofMillis(1));
    SessionContext due = f.request(first);
    assertThat(due.current()).isPresent();
    assertThat(due.commit()).isPresent();
  }

  @Test
  void aRecordOfAnotherKeyIsFollowedOnlyWhenItSaysItWasRenewedFromIt() {
    String frodo = f.login("frodo");
    String sam = f.login("sam");
    SessionKey samKey =
        f.store.records.values().stream()
            .filter(r -> "sam".equals(r.principal()))
            .findFirst()
            .orElseThrow()
            .key();
    SessionKey frodoKey =
        f.store.records.values().stream()
            .filter(r -> "frodo".equals(r.principal()))
            .findFirst()
            .orElseThrow()
            .key();
    // A store that wrongly answers frodo's key with sam's record: never handed over.
    f.store.forwards.put(frodoKey, new MapStore.Forward(samKey, f.clock.instant().plusSeconds(9)));
    f.store.records.remove(frodoKey);
    assertThat(f.request(frodo).current()).isEmpty();
    assertThat(f.request(sam).current()).isPresent();
  }

  @Test
  void renewalCanBeSwitchedOff() {
    EngineFixture off = new EngineFixture(b -> b.renewalInterval(null));
    String cookie = off.login("frodo");
    off.clock.advance(Duration.ofMinutes(29));
    SessionContext ctx = off.request(cookie);
    assertThat(ctx.current()).isPresent();
    Optional<SetCookie> set = ctx.commit();
    assertThat(set).isEmpty();
    assertThat(off.store.renewals).hasValue(0);
  }

  @Test
  void theGraceMustBeShorterThanTheInterval() {
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(EngineFixture.SECRET)
                    .renewalInterval(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("renewalGrace");
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(EngineFixture.SECRET)
                    .renewalGrace(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renewalGrace");
  }
}
