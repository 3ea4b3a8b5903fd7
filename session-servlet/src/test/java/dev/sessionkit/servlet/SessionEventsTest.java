package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge to the container's session listeners without a container: listeners given in the
 * servlet-context attribute (what other containers use) hear the engine's events, by the session's
 * key, until the bridge stops.
 */
class SessionEventsTest {

  private final TestClock clock = TestClock.start();
  private final SessionManager manager =
      SessionManager.create(
          SessionConfig.builder().secret(ServedApp.SECRET).clock(clock).build(),
          MemorySessionStore.builder());
  private final List<HttpSession> created = new CopyOnWriteArrayList<>();
  private final List<String> destroyed = new CopyOnWriteArrayList<>();

  private final HttpSessionListener listener =
      new HttpSessionListener() {
        @Override
        public void sessionCreated(HttpSessionEvent e) {
          created.add(e.getSession());
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent e) {
          destroyed.add(e.getSession().getId());
        }
      };

  @AfterEach
  void close() {
    manager.close();
  }

  /** A servlet context of a container the bridge does not know, holding the attribute. */
  private static ServletContext contextWith(Object listeners) {
    return (ServletContext)
        Proxy.newProxyInstance(
            SessionEventsTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                method.getName().equals("getAttribute")
                        && SessionFilter.LISTENERS_ATTRIBUTE.equals(args[0])
                    ? listeners
                    : null);
  }

  private Session saved(SessionContext context) {
    Session session = context.getOrCreate();
    session.set("user", "frodo");
    context.commit();
    return session;
  }

  @Test
  void listenersInTheAttributeHearEachSessionOnceByItsKeyUntilStopped() {
    SessionEvents events = SessionEvents.start(contextWith(List.of(listener, listener)), manager);
    Session session = saved(manager.open(List.of(), true));

    assertThat(created).singleElement();
    String id = created.get(0).getId();
    assertThat(id).isEqualTo(sha256(session.id())).isNotEqualTo(session.id());

    events.stop();
    saved(manager.open(List.of(), true));
    assertThat(created).as("stopped: the next session is not heard").hasSize(1);
  }

  @Test
  void outsideTheRequestThatHoldsItTheViewHasOnlyTheId() {
    SessionEvents.start(contextWith(List.of(listener)), manager);
    saved(manager.open(List.of(), true));
    // Read after the event, outside the commit that held the session: only the id is left.
    HttpSession view = created.get(0);
    assertThat(view.getAttribute("user")).isNull();
    assertThat(view.getAttributeNames().hasMoreElements()).isFalse();
    assertThat(view.isNew()).isFalse();
    assertThatThrownBy(view::getCreationTime)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(view.getId().substring(0, 12))
        .hasMessageNotContaining(view.getId().substring(12));
  }

  @Test
  void withoutListenersTheBridgeStaysOutOfTheEngine() {
    SessionEvents events = SessionEvents.start(contextWith(null), manager);
    saved(manager.open(List.of(), true));
    events.stop();
    assertThat(created).isEmpty();
  }

  private static String sha256(String id) throws IllegalStateException {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
