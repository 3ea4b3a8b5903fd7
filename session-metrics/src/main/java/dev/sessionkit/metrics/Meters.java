package dev.sessionkit.metrics;

import static dev.sessionkit.metrics.SessionMetrics.TAG_EXCEPTION;
import static dev.sessionkit.metrics.SessionMetrics.TAG_OPERATION;
import static dev.sessionkit.metrics.SessionMetrics.TAG_OUTCOME;
import static dev.sessionkit.metrics.SessionMetrics.TAG_REASON;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.StoreOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one registry, made once when {@link SessionMetrics} is bound to it, so that an
 * event only looks a meter up by its enum and updates it. The failure counters are the exception:
 * their exception tag is known only when a store throws, so each is made on first use and cached.
 */
final class Meters {

  final MeterRegistry registry;
  final Counter created;
  final Counter expired;
  final Counter evicted;
  final Counter regenerated;
  final Map<SessionEvent.Reason, Counter> invalidated = new EnumMap<>(SessionEvent.Reason.class);
  final Map<CookieRejection, Counter> rejected = new EnumMap<>(CookieRejection.class);
  private final Map<StoreOperation, Timer> succeeded = new EnumMap<>(StoreOperation.class);
  private final Map<StoreOperation, Timer> failed = new EnumMap<>(StoreOperation.class);
  private final Map<StoreOperation, Map<Class<?>, Counter>> failures =
      new EnumMap<>(StoreOperation.class);

  Meters(MeterRegistry registry, double[] percentiles, boolean percentileHistogram) {
    this.registry = registry;
    created = counter(SessionMetrics.SESSIONS_CREATED, "Sessions saved for the first time");
    expired = counter(SessionMetrics.SESSIONS_EXPIRED, "Sessions that reached their deadline");
    evicted = counter(SessionMetrics.SESSIONS_EVICTED, "Live sessions a store dropped");
    regenerated = counter(SessionMetrics.SESSIONS_REGENERATED, "Sessions that got a new id");
    for (SessionEvent.Reason reason : SessionEvent.Reason.values()) {
      if (reason == SessionEvent.Reason.RENEWED) {
        continue; // a renewal is a regeneration, never an invalidation
      }
      invalidated.put(
          reason,
          Counter.builder(SessionMetrics.SESSIONS_INVALIDATED)
              .description("Sessions ended by the application")
              .tag(TAG_REASON, TagValues.of(reason))
              .register(registry));
    }
    for (CookieRejection reason : CookieRejection.values()) {
      rejected.put(
          reason,
          Counter.builder(SessionMetrics.COOKIES_REJECTED)
              .description("Session cookies that gave no session")
              .tag(TAG_REASON, TagValues.of(reason))
              .register(registry));
    }
    for (StoreOperation operation : StoreOperation.values()) {
      succeeded.put(
          operation, timer(operation, TagValues.SUCCESS, percentiles, percentileHistogram));
      failed.put(operation, timer(operation, TagValues.FAILURE, percentiles, percentileHistogram));
      failures.put(operation, new ConcurrentHashMap<>());
    }
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private Timer timer(
      StoreOperation operation, String outcome, double[] percentiles, boolean percentileHistogram) {
    Timer.Builder timer =
        Timer.builder(SessionMetrics.STORE_CALLS)
            .description("Calls the session engine made to its store")
            .tag(TAG_OPERATION, TagValues.of(operation))
            .tag(TAG_OUTCOME, outcome);
    if (percentiles.length > 0) {
      timer.publishPercentiles(percentiles);
    }
    if (percentileHistogram) {
      // Only ever switched on here: left unset, a registry's MeterFilter may still decide.
      timer.publishPercentileHistogram();
    }
    return timer.register(registry);
  }

  void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
    if (failure == null) {
      succeeded.get(operation).record(took);
      return;
    }
    failed.get(operation).record(took);
    failureCounter(operation, failure.getClass()).increment();
  }

  private Counter failureCounter(StoreOperation operation, Class<?> type) {
    Map<Class<?>, Counter> byType = failures.get(operation);
    Counter counter = byType.get(type);
    if (counter == null) {
      // Keyed by class, not by name: two classes of one simple name share the meter (Micrometer
      // returns the registered one), and the map stays as small as the set of classes thrown.
      counter =
          byType.computeIfAbsent(
              type,
              t ->
                  Counter.builder(SessionMetrics.STORE_FAILURES)
                      .description("Store calls that threw, by exception")
                      .tag(TAG_OPERATION, TagValues.of(operation))
                      .tag(TAG_EXCEPTION, TagValues.exception(t))
                      .register(registry));
    }
    return counter;
  }
}
