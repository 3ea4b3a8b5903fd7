package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SessionStore} keeps, as JUnit 5 example tests plus jqwik stateful
 * properties that compare the store with a simple model. Extend it in your store's test sources and
 * supply a fresh, empty store built with the given context, so that it reads time from the kit's
 * clock.
 *
 * <pre>{@code
 * class MyStoreContractTest extends SessionStoreContract {
 *   protected SessionStore newStore(StoreContext context) {
 *     return MyStore.builder().create(context);
 *   }
 * }
 * }</pre>
 *
 * <p>What the kit assumes of a store: it decides expiry by its clock on every call (a backend's own
 * TTL, if any, computed relative to that clock); it keeps instants to the millisecond; it keeps
 * attribute values byte for byte. A store that needs a server which may be absent makes {@code
 * newStore} fail a JUnit assumption; the kit then skips every test and property. The principal
 * tests run only for stores that implement {@link dev.sessionkit.spi.PrincipalSessions}; others are
 * skipped with a message that says so.
 */
public abstract class SessionStoreContract extends RenewalContract {

  private final List<SessionStore> propertyStores = new ArrayList<>();

  /** Creates the contract; subclasses supply the store. */
  protected SessionStoreContract() {}

  /**
   * Creates a fresh store for one test or one property try. The kit closes it afterwards. It is
   * called often (once per try), so make it cheap: a fresh key prefix or a cleaned table.
   *
   * @param context the clock the store must read time from (a {@link TestClock} that tests move)
   *     and the listener it reports to; pass both to the store's factory
   * @return an empty store
   */
  @Override
  protected abstract SessionStore newStore(StoreContext context);

  /**
   * How many random action sequences each property runs.
   *
   * @return tries per property; 100 unless overridden
   */
  protected int propertyTries() {
    return 100;
  }

  /**
   * The longest action sequence of one try.
   *
   * @return actions per try; 25 unless overridden
   */
  protected int maxActionsPerTry() {
    return 25;
  }

  /**
   * How many threads race in the concurrency tests.
   *
   * @return the thread count; 8 unless overridden
   */
  protected int concurrentThreads() {
    return 8;
  }

  /**
   * How many updates each racing thread makes.
   *
   * @return updates per thread; 50 unless overridden
   */
  protected int updatesPerThread() {
    return 50;
  }

  /**
   * How long a concurrency test may take before it fails as hung.
   *
   * @return the bound; 60 seconds unless overridden
   */
  protected Duration concurrencyTimeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * Random sequences of create, apply, touch, delete, regenerate, clock moves, loads and principal
   * queries run against the store and the model; every answer must agree, and at the end every key
   * ever created must load as the model says. A failure shrinks to a minimal sequence.
   *
   * @param chain the actions, drawn by jqwik
   */
  @Property
  @AddLifecycleHook(KitPropertyHook.class)
  void storeAgreesWithModel(@ForAll("storeActions") ActionChain<StoreUnderTest> chain) {
    try {
      chain.run().checkEveryKey();
    } finally {
      closeAll(propertyStores);
    }
  }

  /**
   * Parallel logins of one principal, under any cap and either policy, leave exactly the cap of
   * live sessions, and every session the cap ended is gone. Stores without the principal capability
   * skip it.
   *
   * @param limit the cap
   * @param endOldest the policy
   */
  @Property(tries = 12)
  @AddLifecycleHook(CapPropertyHook.class)
  void parallelLoginsNeverPassTheCap(
      @ForAll @IntRange(min = 1, max = 4) int limit, @ForAll boolean endOldest) throws Exception {
    TestClock clock = TestClock.start();
    SessionStore store = newStore(new StoreContext(clock, SessionListener.NONE));
    try {
      if (store instanceof dev.sessionkit.spi.PrincipalSessions) {
        new ConcurrencyChecks(store, clock, 4, 20, concurrencyTimeout())
            .parallelLoginsHoldTheCapExactly(limit, endOldest);
      }
    } finally {
      store.close();
    }
  }

  /**
   * Requests in flight keep saving a session through its key while another request renews it: every
   * save reports success and lands on the renewed session, whatever the number of writers and the
   * moment of the renewal. Stores without {@link dev.sessionkit.spi.SessionRenewal} skip it.
   *
   * @param writers racing writers
   * @param writesEach saves per writer
   * @param renewAfter saves before the renewal starts
   */
  @Property(tries = 10)
  @AddLifecycleHook(CapPropertyHook.class)
  void writesRacingARenewalLandOnTheRenewedSession(
      @ForAll @IntRange(min = 1, max = 4) int writers,
      @ForAll @IntRange(min = 1, max = 12) int writesEach,
      @ForAll @IntRange(min = 0, max = 48) int renewAfter)
      throws Exception {
    TestClock clock = TestClock.start();
    SessionStore store = newStore(new StoreContext(clock, SessionListener.NONE));
    try {
      if (store instanceof dev.sessionkit.spi.SessionRenewal) {
        new ConcurrencyChecks(store, clock, writers, writesEach, concurrencyTimeout())
            .writesRacingARenewalAreAllKept(writers, writesEach, renewAfter);
      }
    } finally {
      store.close();
    }
  }

  @Provide
  Arbitrary<ActionChain<StoreUnderTest>> storeActions() {
    return StoreActions.chain(
        () -> {
          TestClock clock = TestClock.start();
          SessionStore store = newStore(new StoreContext(clock, SessionListener.NONE));
          propertyStores.add(store);
          return new StoreUnderTest(clock, store);
        },
        maxActionsPerTry());
  }

  /** Creates and closes one store, so that an assumption in {@link #newStore} skips properties. */
  void probeStore() {
    newStore(new StoreContext(TestClock.start(), SessionListener.NONE)).close();
  }

  private static void closeAll(List<SessionStore> stores) {
    try {
      for (SessionStore store : stores) {
        store.close();
      }
    } finally {
      stores.clear();
    }
  }

  @Test
  void storeApiTakesKeysNeverRawIds() {
    List<Method> methods = new ArrayList<>(Arrays.asList(SessionStore.class.getMethods()));
    methods.addAll(Arrays.asList(store().getClass().getMethods()));
    for (Method method : methods) {
      assertThat(method.getParameterTypes())
          .as("parameters of %s", method)
          .doesNotContain(SessionId.class);
    }
    SessionKey key = SessionId.generate(new SecureRandom()).key();
    store().create(record(key, Map.of("a", "1")));
    assertThat(store().load(key).orElseThrow().key()).isEqualTo(key);
  }

  @Test
  void keysDoNotMix() {
    SessionRecord first = record(Records.newKey(), Map.of("who", "\"first\""));
    SessionRecord second = record(Records.newKey(), Map.of("who", "\"second\""));
    store().create(first);
    store().create(second);
    assertThat(store().load(first.key())).contains(first);
    assertThat(store().load(second.key())).contains(second);
    assertThat(store().delete(first.key())).isTrue();
    assertThat(store().load(second.key())).contains(second);
  }

  @Test
  void concurrentUpdatesOfDifferentAttributesAreAllKept() throws Exception {
    concurrency().differentAttributesAreAllKept();
  }

  @Test
  void deleteRacingSavesLeavesTheSessionDeleted() throws Exception {
    concurrency().deleteRacingSavesLeavesTheSessionDeleted();
  }

  @Test
  void concurrentCreatesOfOnePrincipalAreAllIndexed() throws Exception {
    principals();
    concurrency().concurrentCreatesAreAllIndexed();
  }

  @Override
  ConcurrencyChecks concurrency() {
    return new ConcurrencyChecks(
        store(), clock(), concurrentThreads(), updatesPerThread(), concurrencyTimeout());
  }
}
