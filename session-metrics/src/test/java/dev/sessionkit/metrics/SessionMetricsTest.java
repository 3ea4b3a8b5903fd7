package dev.sessionkit.metrics;

import static dev.sessionkit.metrics.SessionMetrics.COOKIES_REJECTED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_CREATED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_EVICTED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_EXPIRED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_INVALIDATED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_REGENERATED;
import static dev.sessionkit.metrics.SessionMetrics.STORE_FAILURES;
import static dev.sessionkit.metrics.SessionMetrics.TAG_EXCEPTION;
import static dev.sessionkit.metrics.SessionMetrics.TAG_OPERATION;
import static dev.sessionkit.metrics.SessionMetrics.TAG_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionCapPolicy;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.spi.SessionKey;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Drives a real engine through the flows of an application and reads every meter. */
class SessionMetricsTest {

  private final Fixture f = new Fixture();

  @Test
  void loginCountsACreatedSessionAndTimesItsCreate() {
    f.login("frodo");

    assertThat(f.count(SESSIONS_CREATED)).isEqualTo(1);
    assertThat(f.timed("create", "success")).isEqualTo(1);
    assertThat(f.timed("create", "failure")).isZero();
    assertThat(f.timed("load", "success")).isZero();
  }

  @Test
  void regenerateCountsARegenerationAndNoNewSession() {
    String cookie = f.login("frodo");

    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().regenerate(true);
    ctx.commit();

    assertThat(f.count(SESSIONS_REGENERATED)).isEqualTo(1);
    assertThat(f.count(SESSIONS_CREATED)).isEqualTo(1);
    assertThat(f.timed("load", "success")).isEqualTo(1);
    assertThat(f.timed("create", "success")).isEqualTo(2);
    assertThat(f.timed("delete", "success")).isEqualTo(1);
  }

  @Test
  void logoutCountsAnInvalidationForReasonLogout() {
    String cookie = f.login("frodo");

    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().invalidate();
    ctx.commit();

    assertThat(f.count(SESSIONS_INVALIDATED, TAG_REASON, "logout")).isEqualTo(1);
    assertThat(f.count(SESSIONS_INVALIDATED, TAG_REASON, "logout_everywhere")).isZero();
    assertThat(f.timed("delete", "success")).isEqualTo(1);
  }

  @Test
  void logoutEverywhereCountsEachSessionOfThePrincipal() {
    f.login("sam");
    f.login("sam");
    f.login("frodo");

    assertThat(f.manager.byPrincipal().orElseThrow().invalidateAll("sam")).isEqualTo(2);

    assertThat(f.count(SESSIONS_INVALIDATED, TAG_REASON, "logout_everywhere")).isEqualTo(2);
    assertThat(f.count(SESSIONS_INVALIDATED, TAG_REASON, "logout")).isZero();
  }

  @Test
  void aLoginOverThePerPrincipalCapCountsTheSessionItEnded() {
    Fixture capped =
        new Fixture(
            SessionMetrics.create(),
            1_000,
            true,
            b -> b.maxSessionsPerPrincipal(1, SessionCapPolicy.END_OLDEST));

    capped.login("frodo");
    capped.login("frodo");

    assertThat(capped.count(SESSIONS_CREATED)).isEqualTo(2);
    assertThat(capped.count(SESSIONS_INVALIDATED, TAG_REASON, "cap_exceeded")).isEqualTo(1);
  }

  @Test
  void anIdleSessionExpiresWhenTheClockPassesItsDeadline() {
    String cookie = f.login("frodo");

    f.clock.advance(Fixture.IDLE.plusSeconds(1));
    assertThat(f.request(cookie).current()).isEmpty();

    assertThat(f.count(SESSIONS_EXPIRED)).isEqualTo(1);
    assertThat(f.count(COOKIES_REJECTED, TAG_REASON, "unknown_or_expired")).isEqualTo(1);
    assertThat(f.count(SESSIONS_INVALIDATED, TAG_REASON, "none")).isZero();
  }

  @Test
  void forgedAndMalformedCookiesAreCountedByReasonWithoutAStoreCall() {
    String cookie = f.login("frodo");
    String forged =
        cookie.substring(0, 50) + (cookie.charAt(50) == 'A' ? 'B' : 'A') + cookie.substring(51);

    assertThat(f.request(forged).current()).isEmpty();
    assertThat(f.request("garbage").current()).isEmpty();
    assertThat(f.request("not a cookie").current()).isEmpty();

    assertThat(f.count(COOKIES_REJECTED, TAG_REASON, "bad_signature")).isEqualTo(1);
    assertThat(f.count(COOKIES_REJECTED, TAG_REASON, "malformed")).isEqualTo(2);
    assertThat(f.count(COOKIES_REJECTED, TAG_REASON, "unknown_or_expired")).isZero();
    assertThat(f.timed("load", "success")).isZero();
  }

  @Test
  void aStoreOverItsBoundCountsTheSessionItDropped() {
    Fixture small = new Fixture(SessionMetrics.create(), 1, true, b -> b);

    small.login("frodo");
    small.login("sam");

    assertThat(small.count(SESSIONS_CREATED)).isEqualTo(2);
    assertThat(small.count(SESSIONS_EVICTED)).isEqualTo(1);
  }

  @Test
  void aFailingStoreIsTimedAsAFailureAndCountedByOperationAndException() {
    String cookie = f.login("frodo");
    f.store.failure = new SessionStoreTimeoutException("timed out", null);

    assertThatThrownBy(() -> f.request(cookie).current())
        .isInstanceOf(SessionStoreTimeoutException.class);
    assertThatThrownBy(() -> f.login("sam")).isInstanceOf(SessionStoreTimeoutException.class);
    f.store.failure = new SessionStoreException("down");
    assertThatThrownBy(() -> f.request(cookie).current()).isInstanceOf(SessionStoreException.class);

    assertThat(f.timed("load", "failure")).isEqualTo(2);
    assertThat(f.timed("load", "success")).isZero();
    assertThat(f.timed("create", "failure")).isEqualTo(1);
    assertThat(f.timed("create", "success")).isEqualTo(1);
    assertThat(
            f.count(
                STORE_FAILURES,
                TAG_OPERATION,
                "load",
                TAG_EXCEPTION,
                "SessionStoreTimeoutException"))
        .isEqualTo(1);
    assertThat(
            f.count(STORE_FAILURES, TAG_OPERATION, "load", TAG_EXCEPTION, "SessionStoreException"))
        .isEqualTo(1);
    assertThat(
            f.count(
                STORE_FAILURES,
                TAG_OPERATION,
                "create",
                TAG_EXCEPTION,
                "SessionStoreTimeoutException"))
        .isEqualTo(1);
    assertThat(f.count(SESSIONS_CREATED)).isEqualTo(1);
  }

  @Test
  void aStoreThatRecoversIsTimedAsASuccessAgain() {
    String cookie = f.login("frodo");
    f.store.failure = new SessionStoreException("down");
    assertThatThrownBy(() -> f.request(cookie).current()).isInstanceOf(SessionStoreException.class);
    f.store.failure = null;

    Session session = f.request(cookie).current().orElseThrow();

    assertThat(session.principal()).contains("frodo");
    assertThat(f.timed("load", "failure")).isEqualTo(1);
    assertThat(f.timed("load", "success")).isEqualTo(1);
  }

  @Test
  void noTagCarriesASessionIdAKeyOrAPrincipal() {
    List<String> secrets = new ArrayList<>();
    String principal = "frodo.baggins@shire.example";
    String cookie = f.login(principal);
    secrets.add(cookie);
    SessionContext ctx = f.request(cookie);
    Session session = ctx.current().orElseThrow();
    secrets.add(session.id());
    session.regenerate(true);
    ctx.commit();
    secrets.add(session.id());
    f.request("garbage").current();
    f.clock.advance(Fixture.IDLE.plusSeconds(1));
    f.request(cookie).current();
    String other = f.login(principal);
    secrets.add(other);
    f.manager.byPrincipal().orElseThrow().invalidateAll(principal);
    f.store.failure = new SessionStoreException("down for " + principal);
    assertThatThrownBy(() -> f.request(other).current()).isInstanceOf(SessionStoreException.class);
    for (SessionKey key : f.store.keysSeen) {
      secrets.add(key.value());
      secrets.add(key.shortForm());
    }
    secrets.add(principal);
    secrets.add("frodo");

    List<String> tagValues =
        f.registry.getMeters().stream()
            .map(Meter::getId)
            .flatMap(id -> id.getTags().stream())
            .map(Tag::getValue)
            .toList();

    assertThat(tagValues).isNotEmpty();
    assertThat(f.store.keysSeen).hasSizeGreaterThanOrEqualTo(3);
    for (String value : tagValues) {
      for (String secret : secrets) {
        assertThat(value).doesNotContain(secret);
      }
    }
    assertThat(Set.copyOf(tagValues)).isSubsetOf(TagValuesTest.ALLOWED_VALUES);
  }

  @Test
  void requestsThatNeverTouchTheSessionRecordNothing() {
    f.request("garbage").commit();
    f.request(null).commit();

    assertThat(f.registry.getMeters())
        .allSatisfy(
            meter ->
                assertThat(meter.measure()).allSatisfy(m -> assertThat(m.getValue()).isZero()));
  }

  @Test
  void aTouchOfAnUnchangedSessionIsTimedAsATouch() {
    String cookie = f.login("frodo");

    f.clock.advance(Duration.ofMinutes(5));
    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow();
    ctx.commit();

    assertThat(f.timed("touch", "success")).isEqualTo(1);
    assertThat(f.timed("apply", "success")).isZero();
  }

  @Test
  void aChangeToALoadedSessionIsTimedAsAnApply() {
    String cookie = f.login("frodo");

    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().set("cart", List.of("ring"));
    ctx.commit();

    assertThat(f.timed("apply", "success")).isEqualTo(1);
  }
}
