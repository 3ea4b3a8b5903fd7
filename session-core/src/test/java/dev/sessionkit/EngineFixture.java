package dev.sessionkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An engine over a counting map store, a fake clock, and a listener that records events and store
 * calls.
 */
class EngineFixture {

  static final String SECRET = "0123456789abcdef0123456789abcdef-test";

  final FakeClock clock = new FakeClock();
  final MapStore store;
  final List<String> events = new ArrayList<>();
  final List<StoreOperation> storeCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
  final SessionManager engine;

  EngineFixture() {
    this(b -> b);
  }

  EngineFixture(UnaryOperator<SessionConfigBuilder> settings) {
    MapStore[] built = new MapStore[1];
    SessionListener listener =
        new SessionListener() {
          @Override
          public void created(SessionEvent e) {
            events.add("created " + e.key().shortForm());
          }

          @Override
          public void invalidated(SessionEvent e) {
            events.add("invalidated " + e.key().shortForm() + " " + e.reason());
          }

          @Override
          public void regenerated(SessionEvent e) {
            events.add("regenerated " + e.key().shortForm() + " " + e.reason());
          }

          @Override
          public void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
            storeCalls.add(operation);
          }

          @Override
          public void expired(SessionEvent e) {
            events.add("expired " + e.key().shortForm());
          }
        };
    engine =
        SessionManager.create(
            settings
                .apply(
                    SessionConfig.builder()
                        .secret(SECRET)
                        .clock(clock)
                        .listener(listener)
                        .idleTimeout(Duration.ofMinutes(30))
                        .absoluteTimeout(Duration.ofHours(12))
                        .touchInterval(Duration.ofSeconds(60)))
                .build(),
            context -> built[0] = new MapStore(context));
    store = built[0];
  }

  SessionContext request(String cookieValue) {
    return engine.open(cookieValue == null ? List.of() : List.of("sid=" + cookieValue), true);
  }

  SessionContext request() {
    return request(null);
  }

  /** Runs a login request and returns the signed cookie value the client now holds. */
  String login(String user) {
    SessionContext ctx = request();
    Session s = ctx.getOrCreate();
    s.setPrincipal(user);
    s.set("user", user);
    return ctx.commit().orElseThrow().value();
  }

  static Optional<String> cookieValue(Optional<SetCookie> c) {
    return c.map(SetCookie::value);
  }
}
