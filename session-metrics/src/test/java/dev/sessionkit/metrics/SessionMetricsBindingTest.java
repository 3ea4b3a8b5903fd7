package dev.sessionkit.metrics;

import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_CREATED;
import static dev.sessionkit.metrics.SessionMetrics.SESSIONS_LIVE;
import static dev.sessionkit.metrics.SessionMetrics.STORE_CALLS;
import static dev.sessionkit.metrics.SessionMetrics.TAG_OPERATION;
import static dev.sessionkit.metrics.SessionMetrics.TAG_OUTCOME;
import static dev.sessionkit.metrics.SessionMetrics.TAG_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.StoreOperation;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** When meters exist, in which registries, with which settings; and the live-sessions gauge. */
class SessionMetricsBindingTest {

  @Test
  void bindingRegistersEveryDocumentedMeterAtZeroAndNoOther() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SessionMetrics.create().bindTo(registry);

    Set<String> ids =
        registry.getMeters().stream()
            .map(Meter::getId)
            .map(id -> id.getName() + id.getTags())
            .collect(Collectors.toSet());

    assertThat(ids)
        .containsExactlyInAnyOrder(
            "sessionkit.sessions.created[]",
            "sessionkit.sessions.expired[]",
            "sessionkit.sessions.evicted[]",
            "sessionkit.sessions.regenerated[]",
            "sessionkit.sessions.invalidated[tag(reason=logout)]",
            "sessionkit.sessions.invalidated[tag(reason=logout_everywhere)]",
            "sessionkit.sessions.invalidated[tag(reason=cap_exceeded)]",
            "sessionkit.sessions.invalidated[tag(reason=expired)]",
            "sessionkit.sessions.invalidated[tag(reason=none)]",
            "sessionkit.cookies.rejected[tag(reason=malformed)]",
            "sessionkit.cookies.rejected[tag(reason=bad_signature)]",
            "sessionkit.cookies.rejected[tag(reason=unknown_or_expired)]",
            "sessionkit.cookies.rejected[tag(reason=client_mismatch)]",
            "sessionkit.store.calls[tag(operation=load), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=load), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=create), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=create), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=apply), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=apply), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=touch), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=touch), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=delete), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=delete), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=renew), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=renew), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=find_by_principal), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=find_by_principal), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=delete_by_principal), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=delete_by_principal), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=admit), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=admit), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=count), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=count), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=page), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=page), tag(outcome=failure)]",
            "sessionkit.store.calls[tag(operation=clear), tag(outcome=success)]",
            "sessionkit.store.calls[tag(operation=clear), tag(outcome=failure)]");
    // Made on a store's first failure, since the exception's name is its tag.
    assertThat(ids).noneMatch(id -> id.startsWith(SessionMetrics.STORE_FAILURES));
    assertThat(registry.getMeters())
        .allSatisfy(
            m -> assertThat(m.measure()).allSatisfy(x -> assertThat(x.getValue()).isZero()));
  }

  @Test
  void eventsBeforeTheFirstBindAreNotCounted() {
    SessionMetrics metrics = SessionMetrics.create();
    metrics.created(null);
    metrics.cookieRejected(CookieRejection.MALFORMED);
    metrics.storeCalled(StoreOperation.LOAD, Duration.ofMillis(3), new IllegalStateException());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    metrics.bindTo(registry);
    metrics.created(null);

    assertThat(registry.get(SESSIONS_CREATED).counter().count()).isEqualTo(1);
    assertThat(
            registry
                .get(SessionMetrics.COOKIES_REJECTED)
                .tag(TAG_REASON, "malformed")
                .counter()
                .count())
        .isZero();
    assertThat(registry.find(SessionMetrics.STORE_FAILURES).counters()).isEmpty();
  }

  @Test
  void everyBoundRegistryCountsEveryEventOnce() {
    SessionMetrics metrics = SessionMetrics.create();
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(first);
    metrics.bindTo(second);
    metrics.bindTo(first);

    metrics.created(null);
    metrics.storeCalled(StoreOperation.TOUCH, Duration.ofMillis(2), null);

    for (SimpleMeterRegistry registry : List.of(first, second)) {
      assertThat(registry.get(SESSIONS_CREATED).counter().count()).isEqualTo(1);
      Timer touch =
          registry.get(STORE_CALLS).tags(TAG_OPERATION, "touch", TAG_OUTCOME, "success").timer();
      assertThat(touch.count()).isEqualTo(1);
      assertThat(touch.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2);
    }
  }

  @Test
  void storeCallsPublishNoPercentilesByDefaultAndLeaveTheHistogramToTheRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<DistributionStatisticConfig> configs = storeCallConfigs(registry);
    SessionMetrics metrics = SessionMetrics.create();
    metrics.bindTo(registry);
    metrics.storeCalled(StoreOperation.LOAD, Duration.ofMillis(7), null);

    assertThat(loadTimer(registry).takeSnapshot().percentileValues()).isEmpty();
    assertThat(configs)
        .hasSize(24)
        .allSatisfy(
            config -> {
              // Unset, not false: a filter such as Spring Boot's distribution properties decides.
              assertThat(config.isPercentileHistogram()).isNull();
              assertThat(config.getPercentiles()).isNull();
            });
  }

  @Test
  void percentilesAndTheHistogramAreSettings() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<DistributionStatisticConfig> configs = storeCallConfigs(registry);
    SessionMetrics metrics =
        SessionMetrics.builder().percentiles(0.5, 0.99).percentileHistogram(true).build();
    metrics.bindTo(registry);
    metrics.storeCalled(StoreOperation.LOAD, Duration.ofMillis(7), null);

    assertThat(loadTimer(registry).takeSnapshot().percentileValues()).hasSize(2);
    assertThat(configs)
        .hasSize(24)
        .allSatisfy(
            config -> {
              assertThat(config.isPercentileHistogram()).isTrue();
              assertThat(config.getPercentiles()).containsExactly(0.5, 0.99);
            });
  }

  /** Records the distribution settings each store-call timer asks for, before any default. */
  private static List<DistributionStatisticConfig> storeCallConfigs(SimpleMeterRegistry registry) {
    List<DistributionStatisticConfig> configs = new ArrayList<>();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(STORE_CALLS)) {
                  configs.add(config);
                }
                return config;
              }
            });
    return configs;
  }

  private static Timer loadTimer(SimpleMeterRegistry registry) {
    return registry.get(STORE_CALLS).tags(TAG_OPERATION, "load", TAG_OUTCOME, "success").timer();
  }

  @Test
  void theBuilderTakesEachSettingOnceAndChecksIt() {
    assertThatThrownBy(() -> SessionMetrics.builder().percentiles(0.5).percentiles(0.9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("percentiles");
    assertThatThrownBy(
            () -> SessionMetrics.builder().percentileHistogram(true).percentileHistogram(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("percentileHistogram");
    assertThatThrownBy(() -> SessionMetrics.builder().percentiles())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionMetrics.builder().percentiles(0.5, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> SessionMetrics.builder().percentiles(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionMetrics.builder().percentiles((double[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("percentiles");
    assertThatThrownBy(() -> SessionMetrics.create().bindTo(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
  }

  @Test
  void theLiveGaugeFollowsAStoreThatCountsCheaply() {
    Fixture f = new Fixture();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SessionMetrics.liveSessions(f.manager).orElseThrow().bindTo(registry);

    String cookie = f.login("frodo");
    f.login("sam");
    assertThat(registry.get(SESSIONS_LIVE).gauge().value()).isEqualTo(2);

    SessionContext ctx = f.request(cookie);
    ctx.current().orElseThrow().invalidate();
    assertThat(registry.get(SESSIONS_LIVE).gauge().value()).isEqualTo(1);

    f.clock.advance(Fixture.IDLE.plusSeconds(1));
    assertThat(registry.get(SESSIONS_LIVE).gauge().value()).isZero();
  }

  @Test
  void aStoreThatCountsByScanningGetsNoGauge() {
    Fixture f = new Fixture(SessionMetrics.create(), 1_000, false, b -> b);

    assertThat(f.manager.inventory()).isPresent();
    assertThat(SessionMetrics.liveSessions(f.manager)).isEmpty();
  }

  @Test
  void sealedSessionsAndStoresWithoutAnInventoryGetNoGauge() {
    SessionConfig config = SessionConfig.builder().secret(Fixture.SECRET).build();
    try (SessionManager sealed = SessionManager.sealed(config);
        SessionManager plain = SessionManager.create(config, context -> new BareStore())) {
      Optional<MeterBinder> none = SessionMetrics.liveSessions(sealed);
      assertThat(none).isEmpty();
      assertThat(SessionMetrics.liveSessions(plain)).isEmpty();
    }
    assertThatThrownBy(() -> SessionMetrics.liveSessions(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("manager");
  }

  /** A store with no optional capability. */
  private static final class BareStore implements SessionStore {
    @Override
    public Optional<SessionRecord> load(SessionKey key) {
      return Optional.empty();
    }

    @Override
    public void create(SessionRecord record) {}

    @Override
    public boolean apply(SessionDelta delta) {
      return false;
    }

    @Override
    public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
      return false;
    }

    @Override
    public boolean delete(SessionKey key) {
      return false;
    }
  }
}
