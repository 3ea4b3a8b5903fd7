package dev.sessionkit.metrics;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real engine over a {@link TestStore} and a fake clock, with {@link SessionMetrics} as its
 * listener, bound to a {@link SimpleMeterRegistry}.
 */
final class Fixture {

  static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  static final Duration IDLE = Duration.ofMinutes(30);

  final FakeClock clock = new FakeClock();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final SessionMetrics metrics;
  final SessionManager manager;
  final TestStore store;

  Fixture() {
    this(SessionMetrics.create(), 1_000, true, b -> b);
  }

  Fixture(
      SessionMetrics metrics,
      int maximumSize,
      boolean countIsCheap,
      UnaryOperator<SessionConfigBuilder> settings) {
    this.metrics = metrics;
    TestStore[] built = new TestStore[1];
    manager =
        SessionManager.create(
            settings
                .apply(
                    SessionConfig.builder()
                        .secret(SECRET)
                        .clock(clock)
                        .listener(metrics)
                        .idleTimeout(IDLE))
                .build(),
            context -> built[0] = new TestStore(context, maximumSize, countIsCheap));
    store = built[0];
    metrics.bindTo(registry);
  }

  SessionContext request(String cookieValue) {
    return manager.open(cookieValue == null ? List.of() : List.of("sid=" + cookieValue), true);
  }

  /** Runs a login request and returns the signed cookie value the client now holds. */
  String login(String user) {
    SessionContext ctx = request(null);
    Session s = ctx.getOrCreate();
    s.setPrincipal(user);
    s.set("user", user);
    return ctx.commit().orElseThrow().value();
  }

  double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  long timed(String operation, String outcome) {
    return registry
        .get(SessionMetrics.STORE_CALLS)
        .tags(SessionMetrics.TAG_OPERATION, operation, SessionMetrics.TAG_OUTCOME, outcome)
        .timer()
        .count();
  }
}
