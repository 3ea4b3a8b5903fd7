package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What sharing sessions with a Node app needs of the engine: older short secrets that verify only,
 * logins Node made seen as principals, values of another shape read as absent, and a store layout
 * the cookie format cannot serve refused at build.
 */
class SharedWithNodeTest {

  private static final String NEW_SECRET = "a new secret of at least thirty-two bytes";
  private static final String LEGACY = "keyboard cat";

  record User(String name, int level) {}

  @Test
  void aShortOlderSecretVerifiesExpressCookiesButNeverSigns() {
    SessionConfig config =
        SessionConfig.builder()
            .secret(NEW_SECRET, LEGACY)
            .cookieFormat(CookieFormat.EXPRESS)
            .build();
    assertThat(config.keyRing().size()).isEqualTo(2);
    ExpressCookie ring = new ExpressCookie(config.keyRing());
    String id = "QWxhZGRpbjpvcGVuIHNlc2FtZS1ub2RlLWlk";
    ExpressCookie node = new ExpressCookie(LEGACY.getBytes(StandardCharsets.UTF_8));
    assertThat(ring.verify(node.signId(id))).map(SessionId::value).contains(id);
    ExpressCookie first = new ExpressCookie(NEW_SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(ring.signId(id)).as("the first secret signs").isEqualTo(first.signId(id));
    assertThat(node.verify(ring.signId(id))).isEmpty();
  }

  @Test
  void anEngineWithShortSecretsSaysOnceHowManyAndTheFirstBadSignatureOnce() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            lines.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger dialect = java.util.logging.Logger.getLogger("dev.sessionkit");
    dialect.addHandler(handler);
    try {
      SessionManager engine =
          SessionManager.create(
              SessionConfig.builder()
                  .secret(NEW_SECRET, LEGACY, "old")
                  .cookieFormat(CookieFormat.EXPRESS)
                  .build(),
              MapStore::new);
      assertThat(lines)
          .filteredOn(l -> l.contains("shorter than 32 bytes"))
          .singleElement()
          .asString()
          .startsWith("2 of the 3 session secrets");
      String forged =
          new ExpressCookie("not a secret of either side".getBytes(StandardCharsets.UTF_8))
              .signId("QWxhZGRpbjpvcGVuIHNlc2FtZS1ub2RlLWlk");
      engine.open(List.of("connect.sid=" + forged), true).current();
      engine.open(List.of("connect.sid=" + forged), true).current();
      engine.close();
      assertThat(lines)
          .filteredOn(l -> l.contains("bad signature"))
          .singleElement()
          .asString()
          .contains("connect.sid")
          .doesNotContain("QWxhZGRpbjpvcGVu");
    } finally {
      dialect.removeHandler(handler);
    }
  }

  @Test
  void shortSecretsAreRefusedWhereTheyWouldSignOrDeriveKeys() {
    assertThatIllegalArgumentException()
        .as("the first secret signs: it must be long")
        .isThrownBy(() -> SessionConfig.builder().secret(LEGACY, NEW_SECRET))
        .withMessageContaining("secret #0 is 12 bytes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SessionConfig.builder().secret(NEW_SECRET, ""))
        .withMessageContaining("secret #1 is 0 bytes");
    assertThatIllegalStateException()
        .as("SessionKit's own format derives keys from every secret")
        .isThrownBy(() -> SessionConfig.builder().secret(NEW_SECRET, LEGACY).build())
        .withMessageContaining("secret #1 is 12 bytes")
        .withMessageContaining("cookieFormat(SESSIONKIT)")
        .withMessageContaining("cookieFormat(EXPRESS)");
    assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(NEW_SECRET, LEGACY));
  }

  @Test
  void anExpressLayoutBehindSessionKitsCookieFailsAtBuild() {
    boolean[] closed = {false};
    SessionConfig ours = SessionConfig.builder().secret(NEW_SECRET).build();
    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                SessionManager.create(
                    ours,
                    context ->
                        new MapStore(context) {
                          @Override
                          public boolean keysByRawId() {
                            return true;
                          }

                          @Override
                          public void close() {
                            closed[0] = true;
                          }
                        }))
        .withMessageContaining("expressLayout()")
        .withMessageContaining("cookieFormat(SESSIONKIT)");
    assertThat(closed[0]).as("the store built for nothing is closed").isTrue();
  }

  @Test
  void aLoginNodeWroteIsThePrincipalAndItsRemovalALogout() {
    EngineFixture f =
        new EngineFixture(b -> b.cookieFormat(CookieFormat.EXPRESS).principalFromAttribute("user"));
    String cookie = sessionWith(f, Map.of("views", "1"));
    assertThat(open(f, cookie).principal()).isEmpty();

    nodeWrites(f, Map.of("user", "\"frodo\""));
    SessionContext loggedIn = f.engine.open(List.of("connect.sid=" + cookie), true);
    assertThat(loggedIn.current().orElseThrow().principal()).contains("frodo");
    loggedIn.commit();
    assertThat(f.store.records.values().iterator().next().principal())
        .as("written, so other nodes and the principal index see it")
        .isEqualTo("frodo");

    nodeWrites(f, Map.of());
    assertThat(open(f, cookie).principal()).as("Node removed its user: logged out").isEmpty();
  }

  @Test
  void aMappingTurnsNodesObjectIntoThePrincipal() {
    EngineFixture f =
        new EngineFixture(
            b ->
                b.cookieFormat(CookieFormat.EXPRESS)
                    .principalFromAttribute("account", User.class, User::name));
    String cookie = sessionWith(f, Map.of("account", "{\"name\":\"sam\",\"level\":2}"));
    assertThat(open(f, cookie).principal()).contains("sam");
    nodeWrites(f, Map.of("account", "\"sam\""));
    assertThat(open(f, cookie).principal()).as("a value of another shape is no login").isEmpty();
    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                SessionConfig.builder()
                    .secret(NEW_SECRET)
                    .principalFromAttribute("a")
                    .principalFromAttribute("b"))
        .withMessageContaining("principalFromAttribute");
  }

  @Test
  void aValueThatDoesNotFitItsTypeReadsAsAbsentOnBothFormats() {
    for (CookieFormat format : CookieFormat.values()) {
      EngineFixture f =
          new EngineFixture(b -> b.cookieFormat(format).attributeType("user", User.class));
      String cookie = sessionWith(f, Map.of("user", "\"frodo\"", "count", "\"many\""));
      Session s = open(f, cookie, format);
      assertThat(s.get("user", User.class)).as(format.name()).isEmpty();
      assertThat(s.getUntyped("user")).as(format.name()).isNull();
      assertThat(s.get("count", Integer.class)).as(format.name()).isEmpty();
      assertThat(s.get("user", String.class)).as("the value is kept").contains("frodo");
    }
  }

  /** A session saved by the engine, then given these attributes as another program writes them. */
  private static String sessionWith(EngineFixture f, Map<String, String> attributes) {
    SessionContext first = f.engine.open(List.of(), true);
    first.getOrCreate().set("seed", 1);
    String value = first.commit().orElseThrow().value();
    nodeWrites(f, attributes);
    return value;
  }

  private static void nodeWrites(EngineFixture f, Map<String, String> attributes) {
    SessionRecord stored = f.store.records.values().iterator().next();
    Map<String, String> values = new HashMap<>(attributes);
    values.put("seed", "1");
    f.store.writeAttributes(stored, values);
  }

  private static Session open(EngineFixture f, String cookie) {
    return open(f, cookie, CookieFormat.EXPRESS);
  }

  private static Session open(EngineFixture f, String cookie, CookieFormat format) {
    String name = format == CookieFormat.EXPRESS ? "connect.sid" : "sid";
    return f.engine.open(List.of(name + "=" + cookie), true).current().orElseThrow();
  }
}
