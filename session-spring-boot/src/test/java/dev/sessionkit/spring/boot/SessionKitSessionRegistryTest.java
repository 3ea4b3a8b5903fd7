package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.session.SessionInformation;

/**
 * The registry without HTTP, on the memory store: sessions named by handle, {@code expireNow()}
 * expiring the login in the store, and no answer by raw id outside a request.
 */
class SessionKitSessionRegistryTest {

  private final SessionManager manager =
      SessionManager.create(
          SessionConfig.builder().secret("s".repeat(40)).build(), MemorySessionStore.builder());
  private final SessionKitSessionRegistry registry = new SessionKitSessionRegistry(manager);

  @AfterEach
  void close() {
    manager.close();
  }

  private String login(String user) {
    SessionContext request = manager.open(List.of(), true);
    Session session = request.getOrCreate();
    session.setPrincipal(user);
    session.set("cart", 3);
    return request.commit().orElseThrow().value();
  }

  @Test
  void expireNowExpiresTheLoginAndItLeavesTheList() {
    String first = login("frodo");
    String second = login("frodo");
    login("sam");

    List<SessionInformation> frodo = registry.getAllSessions("frodo", false);
    assertThat(frodo).hasSize(2);
    assertThat(frodo).allSatisfy(info -> assertThat(info.getSessionId()).hasSize(22));
    frodo.get(1).expireNow();

    assertThat(frodo.get(1).isExpired()).isTrue();
    assertThat(registry.getAllSessions("frodo", false)).hasSize(1);
    assertThat(registry.getAllSessions("sam", false)).hasSize(1);
    frodo.get(0).expireNow();
    assertThat(registry.getAllSessions("frodo", false)).isEmpty();
    for (String cookie : List.of(first, second)) {
      Session expired = manager.open(List.of("sid=" + cookie), true).current().orElseThrow();
      assertThat(expired.principal()).isEmpty();
      assertThat(expired.attributeNames()).isEmpty();
    }
  }

  @Test
  void outsideARequestNoSessionIsLookedUpById() {
    String cookie = login("frodo");
    registry.getAllSessions("frodo", false).get(0).expireNow();

    assertThat(registry.getSessionInformation(cookie.substring(0, 43))).isNull();
    assertThat(registry.getSessionInformation(null)).isNull();
  }
}
