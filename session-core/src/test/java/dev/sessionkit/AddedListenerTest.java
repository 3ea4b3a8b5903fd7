package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link SessionManager#addListener}: a listener that joins an engine built elsewhere. */
class AddedListenerTest {

  private final EngineFixture f = new EngineFixture();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private final SessionListener added =
      new SessionListener() {
        @Override
        public void created(SessionEvent e) {
          heard.add("created " + e.key().shortForm());
        }

        @Override
        public void invalidated(SessionEvent e) {
          heard.add("invalidated " + e.key().shortForm() + " " + e.reason());
        }

        @Override
        public void regenerated(SessionEvent e, SessionKey previousKey) {
          heard.add("regenerated " + previousKey.shortForm() + " -> " + e.key().shortForm());
        }
      };

  @Test
  void hearsWhatTheConfiguredListenerHearsUntilRemoved() {
    f.engine.addListener(added);
    String cookie = f.login("frodo");
    assertThat(heard).containsExactlyElementsOf(f.events);

    f.engine.removeListener(added);
    SessionContext ctx = f.request(cookie);
    ctx.logout();
    ctx.commit();
    assertThat(heard).hasSize(1);
  }

  @Test
  void aRegenerationTellsTheKeyTheSessionHadBefore() {
    f.engine.addListener(added);
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session session = ctx.current().orElseThrow();
    String before = session.id();
    session.regenerate(true);
    ctx.commit();

    assertThat(heard)
        .last()
        .isEqualTo(
            "regenerated "
                + new SessionKey(sha256(before)).shortForm()
                + " -> "
                + new SessionKey(sha256(session.id())).shortForm());
  }

  @Test
  void aListenerThatThrowsKeepsTheEventFromNoOtherAndFailsNothing() {
    f.engine.addListener(
        new SessionListener() {
          @Override
          public void created(SessionEvent e) {
            throw new IllegalStateException("a bug in a listener");
          }
        });
    f.engine.addListener(added);
    String cookie = f.login("frodo");
    assertThat(cookie).isNotEmpty();
    assertThat(heard).singleElement().asString().startsWith("created");
    assertThat(f.events).singleElement().asString().startsWith("created");
  }

  private static String sha256(String id) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
