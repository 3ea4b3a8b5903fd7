package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session's handle names its login: the same across renewals, new with each login. */
class SessionHandlesTest {

  private final EngineFixture f = new EngineFixture();
  private final SessionsByPrincipal all = f.engine.byPrincipal().orElseThrow();

  /** Passes the renewal interval and the grace, and renews through a request that reads. */
  private String renew(String cookie) {
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
    SessionContext ctx = f.request(cookie);
    assertThat(ctx.current()).isPresent();
    String renewed = ctx.commit().orElseThrow().value();
    assertThat(renewed).isNotEqualTo(cookie);
    f.clock.advance(SessionConfig.DEFAULT_RENEWAL_GRACE);
    assertThat(f.request(cookie).current()).as("old id past its grace").isEmpty();
    return renewed;
  }

  private String handleOf(String principal) {
    return all.list(principal).get(0).handle();
  }

  private SessionRecord onlyRecord() {
    assertThat(f.store.records).hasSize(1);
    return f.store.records.values().iterator().next();
  }

  @Test
  void aHandleListedBeforeARenewalStillEndsThatSessionAfterIt() {
    String laptop = f.login("frodo");
    String phone = f.login("frodo");
    SessionKey phoneKey =
        f.request(phone).current().map(s -> ((ManagedSession) s).state().key()).get();
    String phoneHandle =
        all.list(f.request(laptop).current().orElseThrow()).stream()
            .filter(i -> i.key().equals(phoneKey))
            .findFirst()
            .orElseThrow()
            .handle();

    String renewedPhone = renew(phone);

    Session own = f.request(laptop).current().orElseThrow();
    assertThat(all.list(own)).extracting(SessionInfo::handle).contains(phoneHandle);
    assertThat(all.invalidate(own, phoneHandle)).isTrue();
    assertThat(f.request(renewedPhone).current()).isEmpty();
    assertThat(f.request(laptop).current()).isPresent();
  }

  @Test
  void theOwnHandleOutlivesTheOwnRenewalAndRegenerateWithData() {
    String cookie = f.login("frodo");
    String handle = handleOf("frodo");

    cookie = renew(cookie);
    SessionContext regenerating = f.request(cookie);
    regenerating.current().orElseThrow().regenerate(true);
    cookie = regenerating.commit().orElseThrow().value();

    assertThat(handleOf("frodo")).isEqualTo(handle);
    SessionContext request = f.request(cookie);
    assertThat(all.invalidate(request.current().orElseThrow(), handle)).isTrue();
    assertThat(request.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void aNewLoginGetsANewHandleAndTheOldOneEndsNothing() {
    String cookie = f.login("frodo");
    String first = handleOf("frodo");

    SessionContext again = f.request(cookie);
    Session s = again.current().orElseThrow();
    s.regenerate(false);
    s.setPrincipal("frodo");
    cookie = again.commit().orElseThrow().value();
    String second = handleOf("frodo");

    SessionContext other = f.request(cookie);
    other.current().orElseThrow().setPrincipal("frodo-admin");
    other.commit();

    assertThat(second).isNotEqualTo(first);
    assertThat(handleOf("frodo-admin")).isNotIn(first, second);
    assertThat(all.invalidate("frodo", first)).isFalse();
    assertThat(all.invalidate("frodo-admin", second)).isFalse();
    assertThat(f.request(cookie).current()).isPresent();
  }

  @Test
  void theStoredSeedIsNotItselfAHandle() {
    f.login("frodo");
    String stored = onlyRecord().attributes().get(Reserved.HANDLE_SEED);
    String seed = stored.substring(1, stored.length() - 1); // the JSON string's content

    assertThat(SessionHandles.isWellFormed(seed)).isTrue();
    assertThat(all.invalidate("frodo", seed)).isFalse();
    assertThat(f.store.records).hasSize(1);
  }

  @Test
  void aSessionWithoutASeedIsNamedByItsKeyUntilItsIdChangesThenByASeed() {
    String cookie = f.login("frodo");
    SessionRecord r = onlyRecord();
    Map<String, String> attributes = new HashMap<>(r.attributes());
    attributes.remove(Reserved.HANDLE_SEED);
    // A session logged in before handle seeds were written.
    f.store.records.put(
        r.key(),
        new SessionRecord(
            r.key(),
            r.creationTime(),
            r.lastAccessTime(),
            r.idleTimeout(),
            r.absoluteDeadline(),
            r.principal(),
            attributes));
    String keyed = handleOf("frodo");
    assertThat(keyed)
        .isEqualTo(new SessionHandles(f.engine.config().keyRing()).of("frodo", r.key(), null));

    cookie = renew(cookie);
    String seeded = handleOf("frodo");
    assertThat(onlyRecord().attributes()).containsKey(Reserved.HANDLE_SEED);
    assertThat(seeded).isNotEqualTo(keyed);
    assertThat(all.invalidate("frodo", keyed)).isFalse();

    cookie = renew(cookie);
    assertThat(handleOf("frodo")).isEqualTo(seeded);
    assertThat(all.invalidate("frodo", seeded)).isTrue();
    assertThat(f.request(cookie).current()).isEmpty();
  }

  @Test
  void aSealedSessionCarriesNoSeedInItsCookie() {
    SessionManager sealed =
        SessionManager.sealed(
            SessionConfig.builder()
                .keyRing(KeyRing.of("sealing key one, at least thirty-two bytes"))
                .clock(f.clock)
                .build());
    SessionContext login = sealed.open(List.of(), true);
    Session s = login.getOrCreate();
    s.setPrincipal("frodo");
    String cookie = login.commit().orElseThrow().value();

    assertThat(sealed.byPrincipal()).isEmpty();
    Session reopened = sealed.open(List.of("sid=" + cookie), true).current().orElseThrow();
    assertThat(reopened.principal()).contains("frodo");
    assertThat(((ManagedSession) reopened).state().stored(Reserved.HANDLE_SEED)).isNull();
  }

  @Test
  void aLogoutDropsTheSeedAndTheHandleWithIt() {
    String cookie = f.login("frodo");
    SessionContext logout = f.request(cookie);
    logout.current().orElseThrow().setPrincipal(null);
    logout.commit();

    assertThat(onlyRecord().attributes()).doesNotContainKey(Reserved.HANDLE_SEED);
    assertThat(all.list("frodo")).isEmpty();
    assertThat(List.copyOf(f.request(cookie).current().orElseThrow().attributeNames()))
        .containsExactly("user");
  }
}
