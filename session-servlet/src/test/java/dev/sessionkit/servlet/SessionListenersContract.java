package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.CookieSettings;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionCapPolicy;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The container's session listeners, registered with {@code ServletContext.addListener} as an
 * application would, hear SessionKit sessions over real HTTP: created and destroyed (logout,
 * expiry, the per-principal cap), id changes, attribute changes and binding-listener values; a
 * listener that throws breaks nothing; a flash value shows once. A subclass names the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionListenersContract {

  /** Deploys the app in this container and starts it on a free port. */
  protected abstract Deployment.Running deploy(Deployment deployment) throws Exception;

  private static final String HEX_ID = "[0-9a-f]{64}";

  final TestClock clock = TestClock.start();
  final Counting counting = new Counting();
  MemorySessionStore store;
  SessionManager manager;
  Deployment.Running server;
  LogCapture log;

  /** A value that hears its binding; the events go to a list the test reads. */
  record Badge(String name) implements HttpSessionBindingListener {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
      EVENTS.add("bound " + name);
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
      EVENTS.add("unbound " + name);
    }
  }

  /** Counts live sessions by the id listeners see, and records every event. */
  static final class Counting
      implements HttpSessionListener, HttpSessionIdListener, HttpSessionAttributeListener {
    final Set<String> live = ConcurrentHashMap.newKeySet();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void sessionCreated(HttpSessionEvent e) {
      live.add(e.getSession().getId());
      events.add(
          "created " + e.getSession().getId() + " user=" + e.getSession().getAttribute("user"));
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent e) {
      live.remove(e.getSession().getId());
      events.add(
          "destroyed " + e.getSession().getId() + " user=" + e.getSession().getAttribute("user"));
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent e, String oldSessionId) {
      live.remove(oldSessionId);
      live.add(e.getSession().getId());
      events.add("idChanged " + oldSessionId + " " + e.getSession().getId());
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent e) {
      events.add("added " + e.getName() + "=" + e.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent e) {
      events.add("replaced " + e.getName() + "=" + e.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent e) {
      events.add("removed " + e.getName() + "=" + e.getValue());
    }

    List<String> matching(Predicate<String> p) {
      return events.stream().filter(p).toList();
    }
  }

  /** A listener with a bug in every method. */
  static final class Throwing implements HttpSessionListener, HttpSessionAttributeListener {
    @Override
    public void sessionCreated(HttpSessionEvent e) {
      throw new IllegalStateException("a bug in sessionCreated");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent e) {
      throw new IllegalStateException("a bug in attributeAdded");
    }
  }

  @BeforeAll
  void start() throws Exception {
    log = new LogCapture(SessionFilter.class.getName());
    manager =
        SessionManager.create(
            SessionConfig.builder()
                .secret(ServedApp.SECRET)
                .clock(clock)
                .idleTimeout(Duration.ofMinutes(30))
                .cookie(CookieSettings.builder().secure(SecureMode.AUTO).build())
                .attributeType("badge", Badge.class)
                .maxSessionsPerPrincipal(1, SessionCapPolicy.END_OLDEST)
                .build(),
            context ->
                store = MemorySessionStore.builder().executor(Runnable::run).create(context));
    server =
        deploy(
            new Deployment()
                .sessionListener(new Throwing())
                .sessionListener(counting)
                .filter("sessions", new SessionFilter(manager), "/*")
                .servlet("login", servlet(SessionListenersContract::login), "/login")
                .servlet("home", servlet(SessionListenersContract::home), "/home")
                .servlet("logout", servlet((q, r) -> q.getSession().invalidate()), "/logout")
                .servlet("change-id", servlet((q, r) -> q.changeSessionId()), "/change-id")
                .servlet(
                    "badge",
                    servlet(
                        (q, r) ->
                            q.getSession()
                                .setAttribute("badge", new Badge(q.getParameter("name")))),
                    "/badge")
                .servlet(
                    "unbadge",
                    servlet((q, r) -> q.getSession().removeAttribute("badge")),
                    "/unbadge"));
  }

  @AfterAll
  void stop() {
    server.close();
    manager.close();
    log.close();
  }

  interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
  }

  private static HttpServlet servlet(Handler handler) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handler.handle(req, resp);
      }
    };
  }

  /** Logs in the way a servlet application does, and leaves a flash value for the next page. */
  private static void login(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String user = request.getParameter("user");
    request.getSession().setAttribute("user", user);
    request.changeSessionId();
    Sessions.of(request).setPrincipal(user);
    Sessions.flash(request).put("welcome", "Welcome back, " + user);
    response.sendRedirect("/home");
  }

  private static void home(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String welcome = Sessions.flash(request).take("welcome", String.class).orElse("");
    response.setContentType("text/plain");
    response.getWriter().print(welcome + "|home");
  }

  private UserAgent loggedIn(String user) {
    UserAgent agent = new UserAgent(server.port());
    assertThat(agent.get("/login?user=" + user).status()).isEqualTo(302);
    return agent;
  }

  private String createdIdOf(String user) {
    List<String> created =
        counting.matching(e -> e.startsWith("created ") && e.endsWith("=" + user));
    assertThat(created).hasSize(1);
    return created.get(0).split(" ")[1];
  }

  @Test
  void aLoginIsOneMoreSessionAndItsLogoutOneLess() {
    int before = counting.live.size();
    UserAgent frodo = loggedIn("frodo");
    assertThat(counting.live).hasSize(before + 1);
    String id = createdIdOf("frodo");
    // The listeners' id is the store key: never the raw id, which the cookie carries.
    assertThat(id).matches(HEX_ID);
    assertThat(frodo.sid()).doesNotContain(id);
    assertThat(counting.live).contains(id);

    assertThat(frodo.get("/logout").status()).isEqualTo(200);

    assertThat(counting.live).hasSize(before).doesNotContain(id);
    // sessionDestroyed still reads the attributes of a session the request invalidates.
    assertThat(counting.events).contains("destroyed " + id + " user=frodo", "removed user=frodo");
  }

  @Test
  void anExpiredSessionIsDestroyedWhenTheStoreRemovesIt() {
    loggedIn("bilbo");
    String id = createdIdOf("bilbo");
    clock.advance(Duration.ofMinutes(31));
    store.sweepExpired();
    assertThat(counting.live).doesNotContain(id);
    // Outside any request the session has only its id.
    assertThat(counting.events).contains("destroyed " + id + " user=null");
  }

  @Test
  void aSessionEndedByThePerPrincipalCapIsDestroyed() {
    loggedIn("sam");
    String first = createdIdOf("sam");
    UserAgent second = new UserAgent(server.port());
    assertThat(second.get("/login?user=sam").status()).isEqualTo(302);
    assertThat(counting.live).doesNotContain(first);
    assertThat(counting.events).contains("destroyed " + first + " user=null");
  }

  @Test
  void anIdListenerHearsTheOldAndTheNewId() {
    UserAgent pippin = loggedIn("pippin");
    String id = createdIdOf("pippin");
    String cookieBefore = pippin.sid();
    assertThat(pippin.get("/change-id").status()).isEqualTo(200);
    assertThat(pippin.sid()).isNotEqualTo(cookieBefore);
    List<String> changed = counting.matching(e -> e.startsWith("idChanged " + id + " "));
    assertThat(changed).hasSize(1);
    String newId = changed.get(0).split(" ")[2];
    assertThat(newId).matches(HEX_ID).isNotEqualTo(id);
    assertThat(counting.live).contains(newId).doesNotContain(id);
  }

  @Test
  void attributeListenersAndBindingValuesHearChangesMadeInARequest() {
    UserAgent merry = loggedIn("merry");
    assertThat(counting.events).contains("added user=merry");
    Badge.EVENTS.clear();
    merry.get("/badge?name=gold");
    merry.get("/badge?name=silver");
    merry.get("/unbadge");
    assertThat(Badge.EVENTS)
        .containsExactly("bound gold", "bound silver", "unbound gold", "unbound silver");
    assertThat(counting.events)
        .containsSubsequence(
            "added badge=Badge[name=gold]",
            "replaced badge=Badge[name=gold]",
            "removed badge=Badge[name=silver]");

    merry.get("/badge?name=bronze");
    merry.get("/logout");
    assertThat(Badge.EVENTS).endsWith("unbound bronze");
  }

  @Test
  void aListenerThatThrowsBreaksNoRequestAndIsLoggedByTheSessionsKey() {
    UserAgent gandalf = loggedIn("gandalf");
    String id = createdIdOf("gandalf");
    // The session was committed whatever the throwing listener did: the next page knows it.
    assertThat(gandalf.get("/home").body()).isEqualTo("Welcome back, gandalf|home");
    // Logged once per listener class (by whichever test came first), by the key, never the id.
    assertThat(log.text())
        .containsPattern(
            Throwing.class.getName().replace("$", "\\$")
                + "\\.sessionCreated failed for session [0-9a-f]{12}; ignored")
        .doesNotContain(gandalf.sid());
    assertThat(id).matches(HEX_ID);
  }

  @Test
  void aFlashValueShowsOnceAfterTheLoginRedirectAndNotOnReload() {
    UserAgent aragorn = loggedIn("aragorn");
    assertThat(aragorn.get("/home").body()).isEqualTo("Welcome back, aragorn|home");
    assertThat(aragorn.get("/home").body()).isEqualTo("|home");
    // A page that takes nothing from a client without a session makes none.
    UserAgent stranger = new UserAgent(server.port());
    assertThat(stranger.get("/home").body()).isEqualTo("|home");
    assertThat(stranger.sid()).isNull();
  }
}
