package dev.sessionkit.servlet;

import dev.sessionkit.CookieSettings;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The test web app, deployed once per test class in the container a subclass names: {@link
 * Scenarios} behind four filter chains. {@code /app}: a filter built in code on a memory store.
 * {@code /failing}: a store that tests switch off. {@code /maintenance}: the same store with a
 * custom failure handler. {@code /proxied}: a filter declared as in web.xml, trusting {@code
 * X-Forwarded-Proto}. {@code /sealed}: sealed client-side sessions, no store. {@code /guarded}: a
 * client that sends more than {@link #GUARD_LIMIT} rejected cookies in an interval is blocked. The
 * engine's listener records why cookies were rejected, for the warnings. {@code /header}: ids in
 * the {@code X-Session} header beside cookies; {@code /header-only}: in the header alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServedApp {

  static final String SECRET = "a test secret that is long enough for the key ring";

  /** How many rejected cookies per interval {@code /guarded} lets a client send. */
  static final int GUARD_LIMIT = 3;

  /** Deploys the app in this container and starts it on a free port. */
  protected abstract Deployment.Running deploy(Deployment deployment) throws Exception;

  final TestClock clock = TestClock.start();
  SwitchableStore store;
  SwitchableStore failing;
  SessionManager manager;
  SessionManager failingManager;
  Scenarios app;
  Deployment.Running server;

  @BeforeAll
  void start() throws Exception {
    app = new Scenarios();
    SessionConfig config =
        SessionConfig.builder()
            .secret(SECRET)
            .clock(clock)
            .cookie(CookieSettings.builder().secure(SecureMode.AUTO).build())
            .build();
    manager =
        SessionManager.create(
            config,
            context -> store = new SwitchableStore(MemorySessionStore.builder().create(context)));
    failingManager =
        SessionManager.create(
            config,
            context -> failing = new SwitchableStore(MemorySessionStore.builder().create(context)));
    Deployment d =
        new Deployment()
            .listener(
                new ServletContextListener() {
                  @Override
                  public void contextInitialized(ServletContextEvent e) {
                    e.getServletContext().setAttribute("proxiedManager", manager);
                  }
                })
            .filter("when-done", app.whenDone(), "/app/hold")
            .filter("sessions", new SessionFilter(manager), "/app/*")
            .filter("failing-sessions", new SessionFilter(failingManager), "/failing/*")
            .declaredFilter(
                "proxied-sessions",
                SessionFilter.class,
                Map.of(
                    "managerAttribute",
                    "proxiedManager",
                    "trustForwardedProto",
                    "true",
                    "rejectedCookieWarning",
                    "5"),
                "/proxied/*")
            .filter(
                "maintenance-sessions",
                SessionFilter.builder(failingManager)
                    .onStoreFailure(
                        (req, resp, failure) -> {
                          resp.setStatus(307);
                          resp.setHeader("Location", "/maintenance.html");
                        })
                    .build(),
                "/maintenance/*")
            .filter(
                "sealed-sessions", new SessionFilter(SessionManager.sealed(config)), "/sealed/*")
            .filter(
                "bound-sessions",
                SessionFilter.builder(manager)
                    .clientBinding(ClientBinding.userAgentFamily())
                    .build(),
                "/bound/*")
            .filter(
                "guarded-sessions",
                SessionFilter.builder(manager)
                    .onRejectedCookies(ClientGuard.blockAbove(GUARD_LIMIT))
                    .rejectedCookieWarning(GUARD_LIMIT)
                    .build(),
                "/guarded/*")
            .filter(
                "header-sessions",
                SessionFilter.builder(manager).idHeader("X-Session").build(),
                "/header/*")
            .filter(
                "header-only-sessions",
                SessionFilter.builder(manager).idHeader("X-Session").cookieTransport(false).build(),
                "/header-only/*")
            .filter("require", new RequireSession(), "/app/protected/*")
            .filter("require-sealed", new RequireSession(), "/sealed/protected/*")
            .filter("require-failing", new RequireSession(), "/failing/protected/*")
            .declaredFilter(
                "require-custom",
                RequireSession.class,
                Map.of("status", "403", "body", "{\"error\":\"log in first\"}"),
                "/proxied/custom/*")
            .servlet("scenarios", app, "/*");
    server = deploy(d);
  }

  @AfterEach
  void storeBackUp() {
    failing.down.set(false);
  }

  @AfterAll
  void stop() {
    server.close();
    manager.close();
    failingManager.close();
  }

  UserAgent agent() {
    return new UserAgent(server.port());
  }
}
