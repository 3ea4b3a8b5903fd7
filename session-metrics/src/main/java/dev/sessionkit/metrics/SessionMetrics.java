package dev.sessionkit.metrics;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionManager;
import dev.sessionkit.StoreOperation;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.Settings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Micrometer meters for the sessions of one {@link SessionManager}: a {@link SessionListener} that
 * the application hands to {@link SessionConfigBuilder#listener}, and a {@link MeterBinder} that
 * registers the meters in a registry.
 *
 * <pre>{@code
 * SessionMetrics metrics = SessionMetrics.create();
 * SessionManager sessions = SessionManager.create(
 *     SessionConfig.builder().secret(secret).listener(metrics).build(),
 *     MemorySessionStore.builder());
 * metrics.bindTo(registry);
 * SessionMetrics.liveSessions(sessions).ifPresent(gauge -> gauge.bindTo(registry));
 * }</pre>
 *
 * <p>The listener is given to the config before a registry may exist, so the meters are made by
 * {@link #bindTo}, and events heard before the first {@code bindTo} are not counted: nothing is
 * buffered. Bind before the manager takes requests. Binding to several registries counts every
 * event in each; binding the same registry again changes nothing.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #SESSIONS_CREATED}</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@value #SESSIONS_INVALIDATED}</td><td>counter</td>
 *       <td>{@code reason}: {@code logout}, {@code logout_everywhere}, {@code cap_exceeded},
 *       {@code expired}, {@code none}</td></tr>
 *   <tr><td>{@value #SESSIONS_EXPIRED}</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@value #SESSIONS_EVICTED}</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@value #SESSIONS_REGENERATED}</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@value #COOKIES_REJECTED}</td><td>counter</td>
 *       <td>{@code reason}: {@code malformed}, {@code bad_signature},
 *       {@code unknown_or_expired}, {@code client_mismatch}</td></tr>
 *   <tr><td>{@value #STORE_CALLS}</td><td>timer</td>
 *       <td>{@code operation}: {@code load}, {@code create}, {@code apply}, {@code touch},
 *       {@code delete}; {@code outcome}: {@code success}, {@code failure}</td></tr>
 *   <tr><td>{@value #STORE_FAILURES}</td><td>counter</td>
 *       <td>{@code operation}; {@code exception}: the simple class name of what the store threw,
 *       e.g. {@code SessionStoreTimeoutException}</td></tr>
 *   <tr><td>{@value #SESSIONS_LIVE}</td><td>gauge</td>
 *       <td>none; only through {@link #liveSessions}</td></tr>
 * </table>
 *
 * <p>Every meter but the failure counters exists, at zero, from {@code bindTo} on. Tag values are
 * the fixed words above and exception class names: never a session id, key or principal.
 * Percentiles and histograms of {@value #STORE_CALLS} are off unless {@link Builder#percentiles} or
 * {@link Builder#percentileHistogram} turn them on (or a registry's {@code MeterFilter} does).
 *
 * <p>Thread-safe. The listener methods run on request threads and, on the success path, allocate
 * nothing of their own: every meter they update was made by {@code bindTo}, and a call only looks
 * it up by enum (what the registry's meter does inside is the registry's).
 */
public final class SessionMetrics implements SessionListener, MeterBinder {

  /** Counter of sessions saved for the first time. */
  public static final String SESSIONS_CREATED = "sessionkit.sessions.created";

  /** Counter of sessions ended by the application, tagged {@value #TAG_REASON}. */
  public static final String SESSIONS_INVALIDATED = "sessionkit.sessions.invalidated";

  /** Counter of sessions that reached their idle or absolute deadline, as the store reports. */
  public static final String SESSIONS_EXPIRED = "sessionkit.sessions.expired";

  /** Counter of live sessions a store dropped to stay within its bounds. */
  public static final String SESSIONS_EVICTED = "sessionkit.sessions.evicted";

  /** Counter of sessions that got a new id. */
  public static final String SESSIONS_REGENERATED = "sessionkit.sessions.regenerated";

  /** Counter of session cookies that gave no session, tagged {@value #TAG_REASON}. */
  public static final String COOKIES_REJECTED = "sessionkit.cookies.rejected";

  /**
   * Timer of the engine's store calls, tagged {@value #TAG_OPERATION} and {@value #TAG_OUTCOME}.
   */
  public static final String STORE_CALLS = "sessionkit.store.calls";

  /** Counter of failed store calls, tagged {@value #TAG_OPERATION} and {@value #TAG_EXCEPTION}. */
  public static final String STORE_FAILURES = "sessionkit.store.failures";

  /** Gauge of the sessions a store holds, where counting them is cheap. */
  public static final String SESSIONS_LIVE = "sessionkit.sessions.live";

  /** Tag: why a session was invalidated or a cookie rejected. */
  public static final String TAG_REASON = "reason";

  /** Tag: which store call. */
  public static final String TAG_OPERATION = "operation";

  /** Tag: whether a store call returned ({@code success}) or threw ({@code failure}). */
  public static final String TAG_OUTCOME = "outcome";

  /** Tag: the simple class name of the exception a store call threw. */
  public static final String TAG_EXCEPTION = "exception";

  private final double[] percentiles;
  private final boolean percentileHistogram;

  /** The meters of each registry bound so far; copied on bind, read once per event. */
  private volatile Meters[] bound = new Meters[0];

  private SessionMetrics(double[] percentiles, boolean percentileHistogram) {
    this.percentiles = percentiles;
    this.percentileHistogram = percentileHistogram;
  }

  /**
   * Creates the meters with the defaults: no percentiles, no histogram.
   *
   * @return a new, unbound instance
   */
  public static SessionMetrics create() {
    return builder().build();
  }

  /**
   * Starts a builder, for percentiles or a histogram of the store calls.
   *
   * @return a new builder with every setting at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the meters in a registry; from now on every event is counted there too. Binding a
   * registry this instance is already bound to does nothing.
   *
   * @param registry where the meters go
   * @throws NullPointerException if {@code registry} is null
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Meters[] current = bound;
    for (Meters meters : current) {
      if (meters.registry == registry) {
        // Micrometer hands back the same meters for the same ids: a second set would count twice.
        return;
      }
    }
    Meters[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = new Meters(registry, percentiles, percentileHistogram);
    bound = next;
  }

  /**
   * Returns a binder for the {@value #SESSIONS_LIVE} gauge, when the manager's store can count its
   * sessions cheaply ({@link SessionInventory#countIsCheap()}, true for the memory store). The
   * gauge polls {@link SessionInventory#count()} whenever the registry reads it, so a store that
   * counts by scanning a backend (Redis, SQL) gets no gauge, and neither do sealed sessions, which
   * the server never sees.
   *
   * @param manager the engine whose store is counted
   * @return the binder; empty when the store cannot count cheaply
   * @throws NullPointerException if {@code manager} is null
   */
  public static Optional<MeterBinder> liveSessions(SessionManager manager) {
    Objects.requireNonNull(manager, "manager");
    return manager
        .inventory()
        .filter(SessionInventory::countIsCheap)
        .map(
            inventory ->
                registry ->
                    Gauge.builder(SESSIONS_LIVE, inventory, SessionInventory::count)
                        .description("Sessions the store holds")
                        .register(registry));
  }

  /**
   * Counts a new session.
   *
   * @param event what happened
   */
  @Override
  public void created(SessionEvent event) {
    for (Meters meters : bound) {
      meters.created.increment();
    }
  }

  /**
   * Counts an invalidated session under its reason.
   *
   * @param event what happened
   */
  @Override
  public void invalidated(SessionEvent event) {
    for (Meters meters : bound) {
      io.micrometer.core.instrument.Counter counter = meters.invalidated.get(event.reason());
      if (counter != null) {
        counter.increment();
      }
    }
  }

  /**
   * Counts an expired session.
   *
   * @param event what happened
   */
  @Override
  public void expired(SessionEvent event) {
    for (Meters meters : bound) {
      meters.expired.increment();
    }
  }

  /**
   * Counts an evicted session.
   *
   * @param event what happened
   */
  @Override
  public void evicted(SessionEvent event) {
    for (Meters meters : bound) {
      meters.evicted.increment();
    }
  }

  /**
   * Counts a regenerated session.
   *
   * @param event what happened
   */
  @Override
  public void regenerated(SessionEvent event) {
    for (Meters meters : bound) {
      meters.regenerated.increment();
    }
  }

  /**
   * Counts a rejected cookie under its reason.
   *
   * @param reason why it was rejected
   */
  @Override
  public void cookieRejected(CookieRejection reason) {
    for (Meters meters : bound) {
      meters.rejected.get(reason).increment();
    }
  }

  /**
   * Times a store call, and counts it by exception when it failed.
   *
   * @param operation which call
   * @param took how long it took
   * @param failure the exception it threw, or null when it succeeded
   */
  @Override
  public void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
    for (Meters meters : bound) {
      meters.storeCalled(operation, took, failure);
    }
  }

  /**
   * Settings of {@link SessionMetrics}: each may be given once; {@link #build()} applies the
   * defaults (no percentiles, no histogram).
   */
  public static final class Builder {

    private double[] percentiles;
    private Boolean percentileHistogram;

    private Builder() {}

    /**
     * Publishes these percentiles of {@value SessionMetrics#STORE_CALLS}, computed in this process
     * (they cannot be aggregated across instances; prefer {@link #percentileHistogram} for that).
     * Default: none.
     *
     * @param percentiles each between 0 and 1, e.g. {@code 0.5, 0.99}
     * @return this builder
     * @throws IllegalStateException if percentiles were already given
     * @throws NullPointerException if {@code percentiles} is null
     * @throws IllegalArgumentException if none is given, or one is outside [0, 1]
     */
    public Builder percentiles(double... percentiles) {
      double[] copy = Settings.once(this.percentiles, percentiles, "percentiles").clone();
      if (copy.length == 0) {
        throw new IllegalArgumentException("percentiles must name at least one percentile");
      }
      for (double p : copy) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("percentiles must be between 0 and 1: " + p);
        }
      }
      this.percentiles = copy;
      return this;
    }

    /**
     * Publishes histogram buckets of {@value SessionMetrics#STORE_CALLS}, from which a backend such
     * as Prometheus computes percentiles across instances. Default: off, which leaves the decision
     * to the registry's {@code MeterFilter}s.
     *
     * @param enabled true to publish the buckets
     * @return this builder
     * @throws IllegalStateException if it was already given
     */
    public Builder percentileHistogram(boolean enabled) {
      this.percentileHistogram =
          Settings.once(this.percentileHistogram, enabled, "percentileHistogram");
      return this;
    }

    /**
     * Builds an unbound instance; the builder can build again.
     *
     * @return the meters, to hand to the config as its listener and to bind to a registry
     */
    public SessionMetrics build() {
      return new SessionMetrics(
          percentiles == null ? new double[0] : percentiles.clone(),
          Settings.orDefault(percentileHistogram, false));
    }
  }
}
