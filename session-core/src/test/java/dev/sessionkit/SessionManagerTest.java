package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.internal.CookieSigner;
import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionManagerTest {

  private final EngineFixture f = new EngineFixture();

  @Test
  void aRequestThatNeverAsksForTheSessionCostsNothing() {
    String cookie = f.login("frodo");
    int before = f.store.calls.get();
    SessionContext ctx = f.request(cookie);
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.calls.get()).isEqualTo(before);
  }

  @Test
  void anUninitializedSessionIsNeitherSavedNorSentByDefault() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    assertThat(s.isNew()).isTrue();
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void saveUninitializedSavesAndSendsAnEmptySession() {
    EngineFixture g = new EngineFixture(b -> b.saveUninitialized(true));
    SessionContext ctx = g.request();
    ctx.getOrCreate();
    Optional<SetCookie> cookie = ctx.commit();
    assertThat(cookie).isPresent();
    assertThat(g.store.records).hasSize(1);
  }

  @Test
  void loginSavesTheSessionAndTheCookieBringsItBack() {
    String cookie = f.login("frodo");
    assertThat(f.store.records).hasSize(1);
    assertThat(f.events).hasSize(1).first().asString().startsWith("created");

    SessionContext next = f.request(cookie);
    Session s = next.current().orElseThrow();
    assertThat(s.isNew()).isFalse();
    assertThat(s.principal()).contains("frodo");
    assertThat(s.get("user", String.class)).contains("frodo");
    assertThat(next.isRequestedSessionIdValid()).isTrue();
    assertThat(next.hasRequestedSessionId()).isTrue();
    assertThat(next.requestedSessionId()).contains(s.id());
    assertThat(next.commit()).isEmpty();
  }

  @Test
  void theStoreSeesOnlyHashedKeys() {
    String cookie = f.login("frodo");
    String rawId = cookie.substring(0, SessionId.LENGTH);
    SessionRecord stored = f.store.records.values().iterator().next();
    assertThat(stored.key()).isEqualTo(SessionId.of(rawId).key());
    assertThat(stored.toString()).doesNotContain(rawId);
  }

  @Test
  void setCookieCarriesTheConfiguredAttributes() {
    SessionContext ctx = f.request();
    ctx.getOrCreate().set("a", 1);
    SetCookie c = ctx.commit().orElseThrow();
    assertThat(c.name()).isEqualTo("sid");
    assertThat(c.httpOnly()).isTrue();
    assertThat(c.secure()).isTrue();
    assertThat(c.sameSite()).isEqualTo(SameSite.LAX);
    assertThat(c.maxAge()).isNull();
    assertThat(new CookieSigner(f.engine.config().keyRing(), "sid").verify(c.value())).isPresent();
  }

  @Test
  void forgedMalformedAndUnknownCookiesGiveAFreshSessionWithoutAStoreRead() {
    String cookie = f.login("frodo");
    String tampered =
        cookie.substring(0, 50) + (cookie.charAt(50) == 'A' ? 'B' : 'A') + cookie.substring(51);
    for (String bad : List.of(tampered, "garbage", "", cookie + "x", "%00", "\"" + cookie + "\"")) {
      int before = f.store.calls.get();
      SessionContext ctx = f.request(bad);
      assertThat(ctx.current()).isEmpty();
      assertThat(ctx.getOrCreate().isNew()).isTrue();
      assertThat(ctx.isRequestedSessionIdValid()).isFalse();
      assertThat(f.store.calls.get()).isEqualTo(before);
    }
    // A genuine id whose record is gone is looked up once, then a fresh session.
    String unknown =
        new CookieSigner(f.engine.config().keyRing(), "sid")
            .sign(SessionId.generate(new java.security.SecureRandom()));
    SessionContext ctx = f.request(unknown);
    assertThat(ctx.current()).isEmpty();
    assertThat(ctx.hasRequestedSessionId()).isTrue();
    assertThat(ctx.isRequestedSessionIdValid()).isFalse();
    Session fresh = ctx.getOrCreate();
    assertThat(fresh.id()).isNotEqualTo(unknown.substring(0, SessionId.LENGTH));
  }

  @Test
  void aDuplicatedCookieNameUsesTheFirstValueThatVerifies() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.engine.open(List.of("sid=forged; sid=" + cookie), true);
    assertThat(ctx.current()).isPresent();
  }

  @Test
  void idleTimeoutIsEnforcedOnLoadWhateverTheStoreKeeps() {
    String cookie = f.login("frodo");
    f.clock.advance(Duration.ofMinutes(30));
    SessionContext ctx = f.request(cookie);
    assertThat(ctx.current()).isEmpty();
    assertThat(f.store.records).isEmpty();
    assertThat(f.events).last().asString().startsWith("expired");
  }

  @Test
  void useMovesTheIdleDeadlineButNotTheAbsoluteOne() {
    String cookie = f.login("frodo");
    for (int i = 0; i < 12 * 2; i++) {
      f.clock.advance(Duration.ofMinutes(29));
      SessionContext ctx = f.request(cookie);
      if (ctx.current().isEmpty()) {
        // 12 h absolute timeout: the 25th half-hour step is past it.
        assertThat(i).isEqualTo(24);
        return;
      }
      // Each step passes the renewal interval: the session moves to a new id the client follows,
      // keeping its deadlines.
      cookie = ctx.commit().orElseThrow().value();
    }
    f.clock.advance(Duration.ofMinutes(29));
    assertThat(f.request(cookie).current()).isEmpty();
    assertThat(f.events).last().asString().startsWith("expired");
  }

  @Test
  void touchIsThrottledByTheTouchInterval() {
    String cookie = f.login("frodo");
    f.clock.advance(Duration.ofSeconds(30));
    SessionContext early = f.request(cookie);
    early.current().orElseThrow();
    early.commit();
    assertThat(f.store.touches.get()).isZero();

    f.clock.advance(Duration.ofSeconds(30));
    SessionContext due = f.request(cookie);
    Session s = due.current().orElseThrow();
    due.commit();
    assertThat(f.store.touches.get()).isEqualTo(1);
    assertThat(f.store.applies.get()).isZero();
    assertThat(f.store.records.get(SessionId.of(s.id()).key()).lastAccessTime())
        .isEqualTo(f.clock.instant());
  }

  @Test
  void modifiedSessionsApplyOnlyTheirDelta() {
    String cookie = f.login("frodo");
    SessionContext a = f.request(cookie);
    SessionContext b = f.request(cookie);
    a.current().orElseThrow().set("cart", List.of("ring"));
    b.current().orElseThrow().set("theme", "dark");
    a.commit();
    b.commit();
    Map<String, String> attrs = f.store.records.values().iterator().next().attributes();
    assertThat(attrs).containsEntry("cart", "[\"ring\"]").containsEntry("theme", "\"dark\"");
    assertThat(f.store.applies.get()).isEqualTo(2);
  }

  @Test
  void removingAnAttributeIsRecorded() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.remove("user");
    s.remove("never-there");
    assertThat(s.attributeNames()).isEmpty();
    ctx.commit();
    // What is left is the login's own reserved attribute, which no application sees.
    assertThat(f.store.records.values().iterator().next().attributes())
        .containsOnlyKeys(Reserved.HANDLE_SEED);
  }

  @Test
  void resaveWritesUnmodifiedSessions() {
    EngineFixture g = new EngineFixture(b -> b.resave(true));
    String cookie = g.login("frodo");
    SessionContext ctx = g.request(cookie);
    ctx.current().orElseThrow();
    ctx.commit();
    assertThat(g.store.applies.get()).isEqualTo(1);
  }

  @Test
  void rollingSetsTheCookieOnEveryResponseThatUsesTheSession() {
    EngineFixture g =
        new EngineFixture(
            b ->
                b.rolling(true)
                    .cookie(CookieSettings.builder().maxAge(Duration.ofHours(1)).build()));
    String cookie = g.login("frodo");
    g.clock.advance(Duration.ofSeconds(5));
    SessionContext ctx = g.request(cookie);
    ctx.current().orElseThrow();
    SetCookie again = ctx.commit().orElseThrow();
    assertThat(again.value()).isEqualTo(cookie);
    assertThat(again.expires()).isEqualTo(g.clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void invalidateDeletesAtOnceAndClearsTheCookie() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.invalidate();
    assertThat(f.store.records).isEmpty();
    assertThat(s.isValid()).isFalse();
    assertThatThrownBy(() -> s.get("user", String.class)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::invalidate).isInstanceOf(IllegalStateException.class);
    assertThat(ctx.current()).isEmpty();
    SetCookie clear = ctx.commit().orElseThrow();
    assertThat(clear.isClearing()).isTrue();
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.events).last().asString().startsWith("invalidated");
    assertThat(f.request(cookie).current()).isEmpty();
  }

  @Test
  void aNewSessionAfterInvalidateReplacesTheCookie() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().invalidate();
    Session next = ctx.getOrCreate();
    next.set("flash", "bye");
    SetCookie set = ctx.commit().orElseThrow();
    assertThat(set.isClearing()).isFalse();
    assertThat(set.value()).isNotEqualTo(cookie);
  }

  @Test
  void invalidatingAnUnsavedSessionNeedsNoCookie() {
    SessionContext ctx = f.request();
    ctx.getOrCreate().invalidate();
    assertThat(ctx.commit()).isEmpty();
  }

  @Test
  void regenerateIssuesANewIdAndDeletesTheOldRecord() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    String oldId = s.id();
    s.regenerate(true);
    assertThat(s.id()).isNotEqualTo(oldId);
    SetCookie set = ctx.commit().orElseThrow();
    assertThat(set.value()).startsWith(s.id());
    assertThat(f.store.records).hasSize(1).containsKey(SessionId.of(s.id()).key());
    assertThat(f.request(cookie).current()).isEmpty();
    Session moved = f.request(set.value()).current().orElseThrow();
    assertThat(moved.principal()).contains("frodo");
    assertThat(moved.get("user", String.class)).contains("frodo");
  }

  @Test
  void regenerateWithoutKeepingStartsEmpty() {
    String cookie = f.login("frodo");
    f.clock.advance(Duration.ofMinutes(5));
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.regenerate(false);
    assertThat(s.attributeNames()).isEmpty();
    assertThat(s.principal()).isEmpty();
    assertThat(s.creationTime()).isEqualTo(f.clock.instant());
    ctx.commit();
    assertThat(f.store.records).hasSize(1);
    assertThat(f.store.records.values().iterator().next().principal()).isNull();
  }

  @Test
  void regenerateOnANewSessionJustCreatesIt() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    s.set("a", 1);
    s.regenerate(true);
    ctx.commit();
    assertThat(f.store.records).containsOnlyKeys(SessionId.of(s.id()).key());
    assertThat(f.store.deletes.get()).isZero();
  }

  @Test
  void aSessionDeletedMeanwhileIsNotResurrectedAndItsCookieIsCleared() {
    String cookie = f.login("frodo");
    SessionContext slow = f.request(cookie);
    Session s = slow.current().orElseThrow();
    SessionContext logout = f.request(cookie);
    logout.current().orElseThrow().invalidate();
    logout.commit();

    s.set("late", true);
    SetCookie result = slow.commit().orElseThrow();
    assertThat(result.isClearing()).isTrue();
    assertThat(f.store.records).isEmpty();
    assertThat(s.isValid()).isFalse();
  }

  @Test
  void aTouchOnADeletedSessionClearsTheCookie() {
    String cookie = f.login("frodo");
    f.clock.advance(Duration.ofMinutes(2));
    SessionContext slow = f.request(cookie);
    slow.current().orElseThrow();
    f.store.records.clear();
    assertThat(slow.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void commitTwiceWritesOnlyWhatChangedSince() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    s.set("a", 1);
    assertThat(ctx.commit()).isPresent();
    assertThat(ctx.commit()).isEmpty();
    s.set("b", 2);
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.creates.get()).isEqualTo(1);
    assertThat(f.store.applies.get()).isEqualTo(1);
    assertThat(f.store.records.values().iterator().next().attributes()).containsOnlyKeys("a", "b");
  }

  @Test
  void aStoreThatReturnsAnotherKeysRecordNeverLeaksIt() {
    String victim = f.login("victim");
    String attacker = f.login("attacker");
    SessionRecord victimRecord =
        f.store.records.get(SessionId.of(victim.substring(0, SessionId.LENGTH)).key());
    f.store.records.put(SessionId.of(attacker.substring(0, SessionId.LENGTH)).key(), victimRecord);
    assertThat(f.request(attacker).current()).isEmpty();
  }

  @Test
  void storeFailuresReachTheCallerAsTheStoreException() {
    String cookie = f.login("frodo");
    f.store.failure = new SessionStoreException("down");
    SessionContext ctx = f.request(cookie);
    assertThatThrownBy(ctx::current).isInstanceOf(SessionStoreException.class);
    f.store.failure = null;
    assertThat(ctx.current()).isPresent();
  }

  @Test
  void invalidateAllEndsEverySessionOfAPrincipal() {
    String a = f.login("frodo");
    String b = f.login("frodo");
    String c = f.login("sam");
    assertThat(f.engine.byPrincipal().orElseThrow().invalidateAll("frodo")).isEqualTo(2);
    assertThat(f.events).filteredOn(e -> e.startsWith("invalidated")).hasSize(2);
    assertThat(f.request(a).current()).isEmpty();
    assertThat(f.request(b).current()).isEmpty();
    assertThat(f.request(c).current()).isPresent();
  }

  @Test
  void valuesAreSnapshotsTakenAtSet() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    List<String> cart = new ArrayList<>(List.of("ring"));
    s.set("cart", cart);
    cart.add("sword");
    assertThat(s.get("cart", List.class)).contains(List.of("ring"));
    s.set("cart", null);
    assertThat(s.getUntyped("cart")).isNull();
  }

  @Test
  void sessionMetadataIsReadable() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    assertThat(s.creationTime()).isEqualTo(f.clock.instant());
    assertThat(s.lastAccessTime()).isEqualTo(f.clock.instant());
    assertThat(s.idleDeadline()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(s.absoluteDeadline()).contains(f.clock.instant().plus(Duration.ofHours(12)));
    s.setIdleTimeout(Duration.ofMinutes(5));
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> s.setIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s.getUntyped("missing")).isNull();
    assertThat(s.get("missing", String.class)).isEmpty();
    ctx.commit();
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(f.store.records.values().iterator().next().isExpiredAt(f.clock.instant())).isTrue();
  }

  @Test
  void aFailingListenerDoesNotBreakTheRequest() {
    SessionManager engine =
        SessionManager.create(
            SessionConfig.builder()
                .secret(EngineFixture.SECRET)
                .listener(
                    new SessionListener() {
                      @Override
                      public void created(SessionEvent event) {
                        throw new IllegalStateException("listener bug");
                      }
                    })
                .build(),
            MapStore::new);
    SessionContext ctx = engine.open(List.of(), false);
    ctx.getOrCreate().set("a", 1);
    assertThat(ctx.commit()).isPresent();
  }

  @Test
  void theStoreIsBuiltWithTheEnginesClockAndListener() {
    List<StoreContext> seen = new ArrayList<>();
    List<SessionEvent> expired = new ArrayList<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void expired(SessionEvent event) {
            expired.add(event);
          }
        };
    SessionManager engine =
        SessionManager.create(
            SessionConfig.builder()
                .secret(EngineFixture.SECRET)
                .clock(f.clock)
                .listener(listener)
                .build(),
            context -> {
              seen.add(context);
              return new MapStore(context);
            });
    assertThat(seen).singleElement().satisfies(c -> assertThat(c.clock()).isSameAs(f.clock));
    // The store tells the engine's listeners: the configured one, and any added later.
    SessionEvent event =
        new SessionEvent(new SessionKey("0".repeat(64)), Optional.empty(), f.clock.instant());
    seen.get(0).listener().expired(event);
    assertThat(expired).containsExactly(event);
    engine.close();
  }

  @Test
  void closingTheEngineClosesTheStoreItBuilt() {
    List<String> closed = new ArrayList<>();
    SessionManager engine =
        SessionManager.create(
            SessionConfig.builder().secret(EngineFixture.SECRET).build(),
            context ->
                new MapStore(context) {
                  @Override
                  public void close() {
                    closed.add("closed");
                  }
                });
    engine.checkStore();
    engine.close();
    assertThat(closed).containsExactly("closed");
  }

  @Test
  void theEngineTrustsTheStoresAnswerAndLoadsOnce() {
    String cookie = f.login("frodo");
    int before = f.store.calls.get();
    SessionContext ctx = f.request(cookie);
    assertThat(ctx.current()).isPresent();
    assertThat(ctx.current()).isPresent();
    assertThat(f.store.calls.get() - before).isEqualTo(1);
  }

  @Test
  void anIdleTimeoutCanGiveWayToTheAbsoluteDeadline() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    f.clock.advance(Duration.ofHours(1));
    s.setIdleTimeoutToAbsolute();
    assertThat(s.idleDeadline()).isEqualTo(s.absoluteDeadline().orElseThrow());
    SessionManager noAbsolute =
        SessionManager.sealed(
            SessionConfig.builder().secret(EngineFixture.SECRET).absoluteTimeout(null).build());
    Session unbounded = noAbsolute.open(List.of(), true).getOrCreate();
    assertThatThrownBy(unbounded::setIdleTimeoutToAbsolute)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absolute timeout");
  }

  @Test
  void aCustomIdGeneratorNamesNewSessionsAndItsIdsVerify() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    EngineFixture custom =
        new EngineFixture(
            b ->
                b.idGenerator(
                    () -> {
                      byte[] bytes = new byte[24];
                      random.nextBytes(bytes);
                      return "eu1-"
                          + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    }));
    String cookie = custom.login("frodo");
    assertThat(cookie).startsWith("eu1-");
    Session again = custom.request(cookie).current().orElseThrow();
    assertThat(again.principal()).contains("frodo");
    assertThat(again.id()).startsWith("eu1-").hasSize(4 + 32);
  }

  @Test
  void anIdGeneratorThatIsNotRandomOrWellFormedIsRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(EngineFixture.SECRET)
                    .idGenerator(() -> "same-id-every-time-000000")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("same id twice");
    assertThatThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(EngineFixture.SECRET)
                    .idGenerator(() -> "short")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("22 to 86");
  }

  @Test
  void touchAndACookieLifetimeOfItsOwnAreCommitted() {
    String cookie = f.login("frodo");
    SessionContext early = f.request(cookie);
    early.current().orElseThrow().touch();
    assertThat(early.commit()).isEmpty();
    assertThat(f.store.touches.get()).isEqualTo(1);

    SessionContext remember = f.request(cookie);
    remember.current().orElseThrow().setCookieMaxAge(Duration.ofDays(30));
    SetCookie persistent = remember.commit().orElseThrow();
    assertThat(persistent.maxAge()).isEqualTo(Duration.ofDays(30));
    Session later = f.request(cookie).current().orElseThrow();
    assertThat(later.cookieMaxAge()).contains(Duration.ofDays(30));
    assertThat(later.attributeNames()).doesNotContain("sessionkit.cookieMaxAge");
    assertThatThrownBy(() -> later.set("sessionkit.cookieMaxAge", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reloadDropsUncommittedChangesAndSeesAnEndElsewhere() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.set("draft", "unsaved");
    SessionContext other = f.request(cookie);
    other.current().orElseThrow().set("theme", "dark");
    other.commit();
    s.reload();
    assertThat(s.get("draft", String.class)).isEmpty();
    assertThat(s.get("theme", String.class)).contains("dark");
    f.request(cookie).current().orElseThrow().invalidate();
    s.reload();
    assertThat(s.isValid()).isFalse();
    assertThat(ctx.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
    assertThatThrownBy(() -> f.request().getOrCreate().reload())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void genericTypesReadThroughATypeRef() {
    SessionContext ctx = f.request();
    Session s = ctx.getOrCreate();
    s.set("users", List.of(Map.of("name", "sam"), Map.of("name", "frodo")));
    List<Map<String, String>> users =
        s.get("users", new TypeRef<List<Map<String, String>>>() {}).orElseThrow();
    assertThat(users).extracting(u -> u.get("name")).containsExactly("sam", "frodo");
  }

  @Test
  void theCapEndsThePrincipalsLeastRecentlyUsedSessionAndNobodyElses() {
    EngineFixture capped =
        new EngineFixture(b -> b.maxSessionsPerPrincipal(2, SessionCapPolicy.END_OLDEST));
    String sam = capped.login("sam");
    String first = capped.login("frodo");
    capped.clock.advance(Duration.ofSeconds(1));
    String second = capped.login("frodo");
    capped.clock.advance(Duration.ofSeconds(1));
    String third = capped.login("frodo");
    assertThat(capped.request(first).current()).isEmpty();
    assertThat(capped.request(second).current()).isPresent();
    assertThat(capped.request(third).current()).isPresent();
    assertThat(capped.request(sam).current()).isPresent();
    assertThat(capped.events).anyMatch(e -> e.endsWith("CAP_EXCEEDED"));
  }

  @Test
  void theRefusePolicyRefusesTheLoginAndLeavesTheSessionAsItWas() {
    EngineFixture capped =
        new EngineFixture(b -> b.maxSessionsPerPrincipal(1, SessionCapPolicy.REFUSE));
    String first = capped.login("frodo");
    SessionContext ctx = capped.request();
    Session s = ctx.getOrCreate();
    assertThatThrownBy(() -> s.setPrincipal("frodo"))
        .isInstanceOf(SessionLimitExceededException.class)
        .hasMessageContaining("(1)");
    assertThat(s.principal()).isEmpty();
    assertThat(capped.request(first).current()).isPresent();
  }

  @Test
  void aLoginRefusedAfterItsWriteIsHeardAsEndedSoCreatedAndEndedPairUp() {
    EngineFixture capped =
        new EngineFixture(b -> b.maxSessionsPerPrincipal(1, SessionCapPolicy.REFUSE));
    // Two parallel logins both pass the early check; the store admits the first to commit.
    SessionContext one = capped.request();
    SessionContext two = capped.request();
    one.getOrCreate().setPrincipal("frodo");
    two.getOrCreate().setPrincipal("frodo");
    assertThat(one.commit()).isPresent();
    assertThatThrownBy(two::commit).isInstanceOf(SessionLimitExceededException.class);

    assertThat(capped.events.stream().filter(e -> e.startsWith("created"))).hasSize(2);
    assertThat(capped.events).last().asString().startsWith("invalidated").endsWith("CAP_EXCEEDED");
    assertThat(capped.store.records).hasSize(1);
  }

  @Test
  void aCapIsRefusedWhereNothingCanCountSessions() {
    SessionConfig config =
        SessionConfig.builder()
            .secret(EngineFixture.SECRET)
            .maxSessionsPerPrincipal(3, SessionCapPolicy.END_OLDEST)
            .build();
    assertThatThrownBy(() -> SessionManager.sealed(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sealed sessions");
    assertThatThrownBy(() -> SessionManager.create(config, context -> NoStore.INSTANCE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PrincipalSessions");
  }

  @Test
  void theListenerHearsRejectedCookiesByReasonAndEveryStoreCall() {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void cookieRejected(CookieRejection reason) {
            heard.add("rejected " + reason);
          }

          @Override
          public void storeCalled(StoreOperation op, Duration took, Throwable failure) {
            heard.add(op + (failure == null ? " ok" : " failed"));
          }

          @Override
          public void regenerated(SessionEvent event) {
            heard.add("regenerated");
          }
        };
    MapStore[] store = new MapStore[1];
    SessionManager engine =
        SessionManager.create(
            SessionConfig.builder().secret(EngineFixture.SECRET).listener(listener).build(),
            context -> store[0] = new MapStore(context));
    SessionContext login = engine.open(List.of(), true);
    login.getOrCreate().set("user", "frodo");
    String cookie = login.commit().orElseThrow().value();
    heard.clear();
    engine.open(List.of("sid=not a cookie"), true).current();
    engine.open(List.of("sid=" + cookie.substring(0, cookie.length() - 2) + "AA"), true).current();
    SessionContext regenerating = engine.open(List.of("sid=" + cookie), true);
    regenerating.current().orElseThrow().regenerate(true);
    regenerating.commit();
    engine.open(List.of("sid=" + cookie), true).current();
    assertThat(heard)
        .containsExactly(
            "rejected MALFORMED",
            "rejected BAD_SIGNATURE",
            "LOAD ok",
            "CREATE ok",
            "DELETE ok",
            "regenerated",
            "LOAD ok",
            "rejected UNKNOWN_OR_EXPIRED");
    store[0].failure = new SessionStoreException("down");
    assertThatThrownBy(() -> engine.open(List.of("sid=" + cookie), true).current())
        .isInstanceOf(SessionStoreException.class);
    assertThat(heard).last().isEqualTo("LOAD failed");
  }

  @Test
  void aSessionBoundToOneKindOfClientIsNoSessionForAnother() {
    SessionContext untouched = f.engine.open(List.of(), true, "Firefox/Linux");
    untouched.getOrCreate();
    assertThat(untouched.commit()).as("binding alone saves nothing").isEmpty();

    SessionContext login = f.engine.open(List.of(), true, "Firefox/Linux");
    Session s = login.getOrCreate();
    s.setPrincipal("frodo");
    s.regenerate(false);
    String cookie = login.commit().orElseThrow().value();

    SessionContext same = f.engine.open(List.of("sid=" + cookie), true, "Firefox/Linux");
    assertThat(same.current()).isPresent();
    assertThat(same.current().orElseThrow().client()).contains("Firefox/Linux");
    assertThat(same.current().orElseThrow().attributeNames()).isEmpty();
    SessionContext other = f.engine.open(List.of("sid=" + cookie), true, "Chrome/Windows");
    assertThat(other.current()).isEmpty();
    assertThat(other.isRequestedSessionIdValid()).isFalse();
    // The real owner keeps the session: a mismatch ends nothing.
    assertThat(f.engine.open(List.of("sid=" + cookie), true, "Firefox/Linux").current())
        .isPresent();
    assertThatThrownBy(() -> f.engine.open(List.of(), true, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
