package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.StoreContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every store call the engine makes is reported, capabilities included; a value equal to the one
 * held is no change and costs no write.
 */
class StoreCallsTest {

  private final EngineFixture f =
      new EngineFixture(b -> b.maxSessionsPerPrincipal(2, SessionCapPolicy.REFUSE));
  private final List<StoreOperation> heard = f.storeCalls;

  @Test
  void settingAnAttributeToTheValueItHoldsCallsNoStore() {
    String cookie = f.login("frodo");
    int before = f.store.calls.get();
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.set("user", "frodo");
    s.setCookieMaxAge(null);
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.calls.get()).as("only the load").isEqualTo(before + 1);
    assertThat(heard).endsWith(StoreOperation.LOAD);
  }

  @Test
  void anEqualValueOfAnotherTypeWithTheSameEncodingIsNoChangeEither() {
    SessionContext login = f.request();
    login.getOrCreate().set("count", 3L);
    String cookie = login.commit().orElseThrow().value();
    int applies = f.store.applies.get();
    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().set("count", 3);
    ctx.commit();
    assertThat(f.store.applies.get()).isEqualTo(applies);
  }

  @Test
  void aDifferentValueStillWrites() {
    String cookie = f.login("frodo");
    int applies = f.store.applies.get();
    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().set("user", "sam");
    ctx.commit();
    assertThat(f.store.applies.get()).isEqualTo(applies + 1);
    assertThat(f.request(cookie).current().orElseThrow().get("user", String.class)).contains("sam");
  }

  @Test
  void aValueSetAndSetBackInOneRequestWritesTheValueItEndsWith() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    s.set("user", "sam");
    s.set("user", "frodo");
    ctx.commit();
    assertThat(f.request(cookie).current().orElseThrow().get("user", String.class))
        .contains("frodo");
  }

  @Test
  void theCapAndPrincipalListingsAreReportedLikeLoads() {
    f.login("frodo");
    assertThat(heard).contains(StoreOperation.FIND_BY_PRINCIPAL, StoreOperation.ADMIT);
    heard.clear();
    SessionsByPrincipal byPrincipal = f.engine.byPrincipal().orElseThrow();
    byPrincipal.list("frodo");
    byPrincipal.invalidateAll("frodo");
    assertThat(heard)
        .containsExactly(StoreOperation.FIND_BY_PRINCIPAL, StoreOperation.DELETE_BY_PRINCIPAL);
  }

  @Test
  void theInventoryAnApplicationGetsIsReportedCallByCall() {
    List<StoreOperation> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void storeCalled(
              StoreOperation operation, java.time.Duration took, Throwable failure) {
            calls.add(operation);
          }
        };
    SessionManager manager =
        SessionManager.create(
            SessionConfig.builder().secret(EngineFixture.SECRET).listener(listener).build(),
            InventoryStore::new);
    SessionInventory inventory = manager.inventory().orElseThrow();

    assertThat(inventory.count()).isZero();
    assertThat(inventory.page(Optional.empty(), 10).records()).isEmpty();
    assertThat(inventory.clear()).isZero();

    assertThat(calls)
        .containsExactly(StoreOperation.COUNT, StoreOperation.PAGE, StoreOperation.CLEAR);
  }

  /** The test store with an inventory over its map. */
  private static final class InventoryStore extends MapStore implements SessionInventory {

    InventoryStore(StoreContext context) {
      super(context);
    }

    @Override
    public long count() {
      return records.size();
    }

    @Override
    public Page page(Optional<String> cursor, int limit) {
      return new Page(List.copyOf(records.values()), Optional.empty());
    }

    @Override
    public long clear() {
      long n = records.size();
      records.clear();
      return n;
    }
  }

  @Test
  void aStoreFailureSaysWhichOperationFailedAndHowLongItRan() {
    String cookie = f.login("frodo");
    f.store.failure = new SessionStoreException("backend down");
    SessionContext ctx = f.request(cookie);
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(ctx::current);
    assertThat(failure).isInstanceOf(SessionStoreException.class);
    SessionStoreException storeFailure = (SessionStoreException) failure;
    assertThat(storeFailure.operation()).contains(StoreOperation.LOAD);
    assertThat(storeFailure.elapsed()).isPresent();
    assertThat(storeFailure.elapsed().orElseThrow().isNegative()).isFalse();
  }

  @Test
  void aRequestSaysWhyItsCookiesWereRejected() {
    String live = f.login("frodo");
    String ended = f.login("sam");
    SessionContext logout = f.request(ended);
    logout.current().orElseThrow().invalidate();
    logout.commit();
    SessionContext ctx =
        f.engine.open(
            List.of("sid=" + ended, "sid=not-a-cookie", "sid=" + tampered(live), "sid=" + live),
            true);
    assertThat(ctx.current()).isPresent();
    assertThat(ctx.rejectedCookies()).isEqualTo(3);
    assertThat(ctx.rejections())
        .containsOnly(
            java.util.Map.entry(CookieRejection.UNKNOWN_OR_EXPIRED, 1),
            java.util.Map.entry(CookieRejection.MALFORMED, 1),
            java.util.Map.entry(CookieRejection.BAD_SIGNATURE, 1));
  }

  @Test
  void aRequestWithoutRejectedCookiesHasNoReasons() {
    String live = f.login("frodo");
    SessionContext ctx = f.request(live);
    ctx.current();
    assertThat(ctx.rejectedCookies()).isZero();
    assertThat(ctx.rejections()).isEmpty();
  }

  /** The value with one character of its id changed: same shape, wrong signature. */
  private static String tampered(String value) {
    char c = value.charAt(3);
    return value.substring(0, 3) + (c == 'A' ? 'B' : 'A') + value.substring(4);
  }
}
