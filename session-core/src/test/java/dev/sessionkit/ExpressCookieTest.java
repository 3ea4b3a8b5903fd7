package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ExpressCookieTest {

  private static final String LONG_SECRET = "0123456789abcdef0123456789abcdef-express";

  private static ExpressCookie signer(String... secrets) {
    byte[][] bytes = new byte[secrets.length][];
    for (int i = 0; i < secrets.length; i++) {
      bytes[i] = secrets[i].getBytes(StandardCharsets.UTF_8);
    }
    return new ExpressCookie(bytes);
  }

  @Test
  void cookieSignatureVectors() {
    assertThat(signer("tobiiscool").signText("hello"))
        .isEqualTo("hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI");
    assertThat(signer("keyboard cat").signId("apple"))
        .isEqualTo("s%3Aapple.D8Y%2BpkTAmeR0PobOhY4G97PRW%2Bj7bUnP%2F5m6%2FOn1MCU");
  }

  @Test
  void firstSecretSignsEverySecretVerifies() {
    String nodeId = nodeId();
    ExpressCookie old = signer("old secret");
    ExpressCookie rotated = signer("new secret", "old secret");
    String oldValue = old.signId(nodeId);
    assertThat(rotated.verify(oldValue)).map(SessionId::value).contains(nodeId);
    String newValue = rotated.signId(nodeId);
    assertThat(newValue).isNotEqualTo(oldValue);
    assertThat(old.verify(newValue)).isEmpty();
    assertThat(signer("another").verify(oldValue)).isEmpty();
  }

  @Test
  void readsTheDecodedFormAndRejectsUnsignedOrTamperedValues() {
    String id = nodeId();
    ExpressCookie signer = signer("s3cret");
    String decoded = "s:" + signer.signText(id);
    assertThat(signer.verify(decoded)).map(SessionId::value).contains(id);
    assertThat(signer.verify(id)).isEmpty(); // express ignores unsigned values too
    assertThat(signer.verify(signer.signText(id))).isEmpty(); // no "s:" prefix
    char last = decoded.charAt(decoded.length() - 1);
    String flipped = decoded.substring(0, decoded.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(signer.verify(flipped)).isEmpty();
    assertThat(signer.verify("s%3" + decoded.substring(2))).isEmpty(); // broken escape
    assertThat(signer.verify("s%3Aapple.D8Y%2BpkTAmeR0PobOhY4G97PRW%2Bj7bUnP%2F5m6%2FOn1MCU"))
        .as("a signature that verifies, on an id too short to be one")
        .isEmpty();
  }

  @Property(tries = 300)
  void anyTextVerifiesToNothingAndNeverThrows(@ForAll String text) {
    assertThat(signer("s3cret").verify(text)).isEmpty();
    assertThat(signer("s3cret").verify("s%3A" + text)).isEmpty();
  }

  @Test
  void engineWritesConnectSidWithExpiresAndAUriEncodedValue() {
    EngineFixture f =
        new EngineFixture(
            b ->
                b.cookieFormat(CookieFormat.EXPRESS)
                    .cookie(CookieSettings.builder().maxAge(Duration.ofHours(1)).build()));
    SessionContext login = f.engine.open(List.of(), true);
    login.getOrCreate().set("user", "frodo");
    SetCookie cookie = login.commit().orElseThrow();

    assertThat(cookie.name()).isEqualTo("connect.sid");
    assertThat(cookie.value()).startsWith("s%3A");
    assertThat(cookie.render()).contains("; Expires=").doesNotContain("Max-Age");
    SessionId id =
        new ExpressCookie(KeyRing.of(EngineFixture.SECRET)).verify(cookie.value()).orElseThrow();
    assertThat(id.value()).hasSize(SessionId.LENGTH);

    SessionContext next = f.engine.open(List.of("connect.sid=" + cookie.value()), true);
    assertThat(next.current().orElseThrow().get("user", String.class)).contains("frodo");
    next.current().orElseThrow().invalidate();
    SetCookie clearing = next.commit().orElseThrow();
    assertThat(clearing.isClearing()).isTrue();
    assertThat(clearing.render())
        .contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT")
        .doesNotContain("Max-Age");
  }

  @Test
  void engineReadsACookieNodeSignedAndKeysARawIdStoreByTheId() {
    String nodeId = nodeId();
    MapStore[] built = new MapStore[1];
    SessionManager engine =
        SessionManager.create(
            SessionConfig.builder()
                .secret(LONG_SECRET)
                .cookieFormat(CookieFormat.EXPRESS)
                .cookie(CookieSettings.builder().name("app.sid").build())
                .build(),
            context ->
                built[0] =
                    new MapStore(context) {
                      @Override
                      public boolean keysByRawId() {
                        return true;
                      }
                    });
    String value = signer(LONG_SECRET).signId(nodeId);
    SessionContext first = engine.open(List.of("app.sid=" + value), true);
    assertThat(first.current()).as("no such session yet").isEmpty();
    first.getOrCreate().set("views", 1);
    SetCookie cookie = first.commit().orElseThrow();
    assertThat(cookie.name()).isEqualTo("app.sid");
    String minted = signer(LONG_SECRET).verify(cookie.value()).orElseThrow().value();
    assertThat(minted).as("a client-chosen id is never adopted").isNotEqualTo(nodeId);
    SessionKey key = built[0].records.keySet().iterator().next();
    assertThat(key.isRawId()).isTrue();
    assertThat(key.value()).isEqualTo(minted);
    assertThat(key.toString()).doesNotContain(minted.substring(0, 8));
    engine.close();
  }

  @Test
  void expressFormatRefusesTypeAliasesAndSealedSessions() {
    SessionConfigBuilder aliased =
        SessionConfig.builder()
            .secret(LONG_SECRET)
            .cookieFormat(CookieFormat.EXPRESS)
            .registerType(java.net.URI.class, "uri");
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(aliased::build)
        .withMessageContaining("plain JSON");
    SessionConfig express =
        SessionConfig.builder().secret(LONG_SECRET).cookieFormat(CookieFormat.EXPRESS).build();
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(() -> SessionManager.sealed(express))
        .withMessageContaining("sealed");
  }

  record User(String name, int level) {}

  @Test
  void valuesNodeWroteReadTypedAndUntypedAndOursArePlainJson() {
    EngineFixture f =
        new EngineFixture(
            b -> b.cookieFormat(CookieFormat.EXPRESS).attributeType("profile", User.class));
    SessionContext first = f.engine.open(List.of(), true);
    first.getOrCreate().set("seed", 1);
    String value = first.commit().orElseThrow().value();
    // Node's writes, as its store would leave them: plain JSON, spaces and all
    dev.sessionkit.spi.SessionRecord stored = f.store.records.values().iterator().next();
    java.util.Map<String, String> node = new java.util.HashMap<>(stored.attributes());
    node.put("user", " \"frodo\"");
    node.put("views", "2");
    node.put("profile", "{\"name\":\"frodo\",\"level\":3}");
    node.put("cart", "[{\"sku\":\"a1\",\"qty\":2}]");
    node.put("tagged", "{\"@class\":\"json\",\"value\":1}");
    f.store.writeAttributes(stored, node);

    Session s = f.engine.open(List.of("connect.sid=" + value), true).current().orElseThrow();
    assertThat(s.get("user", String.class)).contains("frodo");
    assertThat(s.getUntyped("user")).isEqualTo("frodo");
    assertThat(s.getUntyped("views")).isEqualTo(2);
    assertThat(s.get("profile", User.class)).contains(new User("frodo", 3));
    assertThat(s.getUntyped("profile")).isEqualTo(new User("frodo", 3));
    assertThat(s.getUntyped("cart")).isEqualTo(List.of(java.util.Map.of("sku", "a1", "qty", 2)));
    assertThat(s.getUntyped("tagged"))
        .as("no envelopes in this mode: Node's object is data")
        .isEqualTo(java.util.Map.of("@class", "json", "value", 1));

    SessionContext writing = f.engine.open(List.of("connect.sid=" + value), true);
    writing.current().orElseThrow().set("profile", new User("sam", 1));
    writing.current().orElseThrow().set("odd", java.util.Map.of("@class", "x"));
    writing.commit();
    java.util.Map<String, String> written = f.store.records.get(stored.key()).attributes();
    assertThat(written.get("profile")).isEqualTo("{\"name\":\"sam\",\"level\":1}");
    assertThat(written.get("odd")).isEqualTo("{\"@class\":\"x\"}");
    Session later = f.engine.open(List.of("connect.sid=" + value), true).current().orElseThrow();
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> later.set("cookie", "x"))
        .withMessageContaining("reserved");
  }

  /** An id as express-session mints it: 24 random bytes, 32 base64url characters. */
  private static String nodeId() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
