package dev.sessionkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.examples.guide.Account.User;
import dev.sessionkit.examples.guide.TypedAttributes.Item;
import dev.sessionkit.examples.guide.TypedAttributes.Money;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.servlet.SessionFilter;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's smaller snippets do what the README says, run against the engine in-process. */
class GuideSnippetsTest {

  private static final String SECRET = "a test secret of at least thirty-two bytes";
  private static final String OLD_SECRET = "the secret that signed yesterday's cookies";

  @Test
  void renewNowGivesANewIdAndTheOldOneStillWorks() {
    try (SessionManager sessions = memory(Hardening.renewal(SECRET))) {
      SessionContext login = sessions.open(List.of(), false);
      login.getOrCreate().set("user", "frodo");
      String old = cookieHeader(login.commit().orElseThrow());
      SessionContext request = sessions.open(List.of(old), false);
      Hardening.renewNow(request.current().orElseThrow());
      String renewed = cookieHeader(request.commit().orElseThrow());
      assertThat(renewed).isNotEqualTo(old);
      assertThat(sessions.open(List.of(old), false).current()).isPresent();
      assertThat(sessions.open(List.of(renewed), false).current()).isPresent();
      assertThat(Hardening.guarded(sessions)).isNotNull();
    }
  }

  @Test
  void typedAttributesComeBackAsTheirTypes() {
    try (SessionManager sessions = memory(TypedAttributes.config(SECRET))) {
      SessionContext first = sessions.open(List.of(), false);
      assertThat(TypedAttributes.use(first.getOrCreate()))
          .isEqualTo("frodo [Item[sku=ring, quantity=1]] Money[cents=1250, currency=EUR]");
      String cookie = cookieHeader(first.commit().orElseThrow());

      // The next request reads what the store kept: JSON, turned back into the registered types,
      // as HttpSession.getAttribute does.
      Session session = sessions.open(List.of(cookie), false).current().orElseThrow();
      assertThat(session.getUntyped("user")).isEqualTo(new User("frodo", "reader"));
      assertThat(session.getUntyped("cart")).isEqualTo(List.of(new Item("ring", 1)));
      assertThat(session.getUntyped("balance")).isEqualTo(new Money(1250, "EUR"));
    }
  }

  @Test
  void anUnregisteredClassIsRefusedByTheUntypedApiWithTheFix() {
    record Note(String text) {}
    try (SessionManager sessions = memory(TypedAttributes.config(SECRET))) {
      Session session = sessions.open(List.of(), false).getOrCreate();
      // HttpSession.setAttribute calls setUntyped.
      assertThatThrownBy(() -> session.setUntyped("note", new Note("hi")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("attributeType(\"note\", Note.class)")
          .hasMessageContaining("registerType(Note.class");
      session.setUntyped("plain", Map.of("text", "hi")); // JSON's own types need nothing
    }
  }

  @Test
  void rememberMeGivesThisSessionAPersistentCookie() {
    try (SessionManager sessions = memory(config(SECRET))) {
      SessionContext context = sessions.open(List.of(), false);
      Session session = context.getOrCreate();
      session.set("user", new User("frodo", "reader"));
      LoginFlow.rememberMe(session);
      SetCookie cookie = context.commit().orElseThrow();
      assertThat(cookie.maxAge()).isEqualTo(Duration.ofDays(30));
      assertThat(session.idleTimeout()).isEqualTo(Duration.ofDays(30));

      SetCookie other = newSession(sessions, null);
      assertThat(other.maxAge()).as("another session's cookie").isNull();
    }
  }

  @Test
  void logOutEverywhereListsThenEndsEverySessionOfThePrincipal() {
    try (SessionManager sessions = memory(config(SECRET))) {
      String laptop = cookieHeader(newSession(sessions, "frodo"));
      String phone = cookieHeader(newSession(sessions, "frodo"));
      String someoneElse = cookieHeader(newSession(sessions, "sam"));

      assertThat(LoginFlow.logOutEverywhere(sessions)).hasSize(2);

      assertThat(sessions.open(List.of(laptop), false).current()).isEmpty();
      assertThat(sessions.open(List.of(phone), false).current()).isEmpty();
      assertThat(sessions.open(List.of(someoneElse), false).current()).isPresent();
    }
  }

  @Test
  void yourSessionsListsEndsOneByHandleAndThenTheOthers() {
    try (SessionManager sessions = memory(config(SECRET))) {
      String laptop = cookieHeader(newSession(sessions, "frodo"));
      newSession(sessions, "frodo");
      newSession(sessions, "frodo");
      String someoneElse = cookieHeader(newSession(sessions, "sam"));
      Session own = sessions.open(List.of(laptop), false).current().orElseThrow();
      String another =
          sessions.byPrincipal().orElseThrow().list(own).stream()
              .filter(s -> !s.current())
              .findFirst()
              .orElseThrow()
              .handle();

      LoginFlow.YourSessions done = LoginFlow.yourSessions(sessions, own, another);

      assertThat(done.listed()).hasSize(3).filteredOn(SessionInfo::current).hasSize(1);
      assertThat(done.ended()).isTrue();
      assertThat(done.others()).as("the third one").isEqualTo(1);
      assertThat(sessions.byPrincipal().orElseThrow().list("frodo")).hasSize(1);
      assertThat(sessions.open(List.of(laptop), false).current()).isPresent();
      assertThat(sessions.open(List.of(someoneElse), false).current()).isPresent();
    }
  }

  @Test
  void theStoresBuildersConnectToNothingUntilTheManagerBuildsTheStore() {
    JdbcDataSource unreachable = new JdbcDataSource();
    unreachable.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
    assertThat(Stores.factories("password", unreachable)).hasSize(4).doesNotContainNull();
  }

  @Test
  void theSharedStoresTakeTheConfigAndKeepEveryLoginOfAUser() throws Exception {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:guide-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      for (String ddl : JdbcSessionStore.ddl("H2", JdbcSessionStore.DEFAULT_TABLE_NAME)) {
        statement.execute(ddl);
      }
    }
    // The Redis store connects when built, or logs that it will at its next call; no call is made.
    List<SessionManager> managers = SharedStores.managers(config(SECRET), database);
    try (SessionManager onRedis = managers.get(0);
        SessionManager onYourDatabase = managers.get(1)) {
      assertThat(onRedis.byPrincipal()).as("Redis: your sessions, log out everywhere").isPresent();
      String laptop = cookieHeader(newSession(onYourDatabase, "frodo"));
      newSession(onYourDatabase, "frodo");
      assertThat(onYourDatabase.byPrincipal().orElseThrow().list("frodo")).hasSize(2);
      assertThat(onYourDatabase.open(List.of(laptop), false).current()).isPresent();
    }
  }

  @Test
  void theNodeSharingSetupSignsConnectSidAndKeysItsStoreByRawIds() {
    // Port 1: nothing listens; the store is built anyway and would connect at its first call.
    Stores.Shared shared =
        Stores.sharedWithNode("redis://127.0.0.1:1", SECRET, SECRET + " (the previous one)");
    try (SessionManager sessions = shared.sessions()) {
      assertThat(sessions.config().cookie().name()).isEqualTo("connect.sid");
      assertThat(sessions.inventory()).as("no inventory in the connect-redis layout").isEmpty();
      assertThat(shared.filter()).isNotNull();
    }
  }

  @Test
  void aStoreManagerCanEndAPrincipalsSessionsAndASealedOneCannot() {
    List<SessionManager> managers = Stores.managers(config(SECRET));
    try (SessionManager stored = managers.get(0);
        SessionManager sealed = managers.get(1)) {
      assertThat(stored.byPrincipal()).isPresent();
      assertThat(sealed.byPrincipal()).isEmpty();
      assertThat(LoginFlow.logOutEverywhere(sealed)).isEmpty();
    }
  }

  @Test
  void aRotatedSecretSignsWithTheNewKeyAndStillAcceptsTheOld() {
    SessionStore store = MemorySessionStore.builder().create(StoreContext.systemDefault());
    try (SessionManager before = SessionManager.create(config(OLD_SECRET), context -> store);
        SessionManager after =
            SessionManager.create(Operations.rotate(SECRET, OLD_SECRET), context -> store);
        SessionManager newOnly = SessionManager.create(config(SECRET), context -> store)) {
      String yesterday = cookieHeader(newSession(before, "frodo"));
      assertThat(after.open(List.of(yesterday), false).current()).isPresent();
      assertThat(newOnly.open(List.of(yesterday), false).current()).isEmpty();

      String today = cookieHeader(newSession(after, "sam"));
      assertThat(newOnly.open(List.of(today), false).current()).isPresent();
      assertThat(before.open(List.of(today), false).current()).isEmpty();
    }
  }

  @Test
  void theWebXmlListenerNeedsTheSecretFromTheEnvironment() {
    ServletContext servletContext = new ServletContextHandler().getServletContext();
    ServletContextEvent event = new ServletContextEvent(servletContext);
    WebXmlListener listener = new WebXmlListener();
    if (System.getenv("SESSION_SECRET") == null) {
      assertThatThrownBy(() -> listener.contextInitialized(event))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("secret");
      assertThat(servletContext.getAttribute(SessionFilter.MANAGER_ATTRIBUTE)).isNull();
      listener.contextDestroyed(event); // after a failed start: nothing to close, no exception
    } else {
      listener.contextInitialized(event);
      assertThat(servletContext.getAttribute(SessionFilter.MANAGER_ATTRIBUTE))
          .isInstanceOf(SessionManager.class);
      listener.contextDestroyed(event);
    }
  }

  private static SessionManager memory(SessionConfig config) {
    return SessionManager.create(config, MemorySessionStore.builder());
  }

  private static SessionConfig config(String secret) {
    return SessionConfig.builder().secret(secret).build();
  }

  /** A committed new session, logged in as the principal when one is given. */
  private static SetCookie newSession(SessionManager sessions, String principal) {
    SessionContext context = sessions.open(List.of(), false);
    Session session = context.getOrCreate();
    session.set("seen", true);
    if (principal != null) {
      session.setPrincipal(principal);
    }
    return context.commit().orElseThrow();
  }

  private static String cookieHeader(SetCookie cookie) {
    return cookie.name() + "=" + cookie.value();
  }
}
