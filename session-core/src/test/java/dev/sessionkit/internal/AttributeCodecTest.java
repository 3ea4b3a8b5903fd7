package dev.sessionkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AttributeCodecTest {

  record User(String name, int age) {}

  record Other(String name) {}

  /** A bean whose property cannot be read, so it cannot be written as JSON. */
  static final class Unwritable {
    public String getBroken() {
      throw new IllegalStateException("no");
    }
  }

  private final AttributeCodec codec =
      new AttributeCodec(JsonMapper.builder().build(), Set.of(User.class));

  @Test
  void typedReadsBindToTheNamedType() {
    String json = codec.encode("u", new Other("frodo"));
    assertThat(json).isEqualTo("{\"name\":\"frodo\"}");
    assertThat(codec.decode("u", json, Other.class)).isEqualTo(new Other("frodo"));
  }

  @Test
  void untypedReadsGiveJsonTypesForClassesOffTheAllowList() {
    String json = codec.encode("u", new Other("frodo"));
    assertThat(codec.decodeUntyped("u", json)).isEqualTo(Map.of("name", "frodo"));
    assertThat(codec.decodeUntyped("n", codec.encode("n", 42))).isEqualTo(42);
    assertThat(codec.decodeUntyped("l", codec.encode("l", List.of("a", true))))
        .isEqualTo(List.of("a", true));
  }

  @Test
  void allowListedClassesComeBackAsThemselvesFromUntypedReads() {
    User frodo = new User("frodo", 50);
    String json = codec.encode("u", frodo);
    assertThat(json).startsWith("{\"@class\":\"" + User.class.getName() + "\"");
    assertThat(codec.decodeUntyped("u", json)).isEqualTo(frodo);
    assertThat(codec.decode("u", json, User.class)).isEqualTo(frodo);
    assertThat(codec.isAllowListed(User.class)).isTrue();
    assertThat(codec.isAllowListed(Other.class)).isFalse();
  }

  @Test
  void anEnvelopeNamingAClassOffTheAllowListIsNeverInstantiated() {
    String forged = "{\"@class\":\"java.net.URL\",\"value\":\"http://x\"}";
    assertThat(codec.decodeUntyped("u", forged)).isEqualTo("http://x");
    String forgedObject =
        "{\"@class\":\"" + Other.class.getName() + "\",\"value\":{\"name\":\"x\"}}";
    assertThat(codec.decodeUntyped("u", forgedObject)).isEqualTo(Map.of("name", "x"));
  }

  @Test
  void plainValuesThatLookLikeAnEnvelopeReadBackUnchanged() {
    Map<String, Object> lookalike = Map.of("@class", User.class.getName());
    String json = codec.encode("m", lookalike);
    assertThat(codec.decodeUntyped("m", json)).isEqualTo(lookalike);
    assertThat((Object) codec.decode("m", json, Map.class)).isEqualTo(lookalike);
  }

  @Test
  void mismatchedTypesAndUnwritableValuesAreClearErrors() {
    assertThatThrownBy(() -> codec.decode("age", "\"old\"", Integer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'age' is not a java.lang.Integer");
    assertThatThrownBy(() -> codec.encode("self", new Unwritable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'self' cannot be written as JSON");
    assertThatThrownBy(() -> codec.decodeUntyped("x", "{oops"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void stringsRoundTrip(@ForAll String s) {
    String json = codec.encode("s", s);
    // Exactly one JSON value, the string itself: a parser reads it back whole.
    assertThat(JsonMapper.builder().build().readTree(json).asString()).isEqualTo(s);
    assertThat(codec.decode("s", json, String.class)).isEqualTo(s);
    assertThat(codec.decodeUntyped("s", json)).isEqualTo(s);
  }

  private final AttributeCodec plain =
      new AttributeCodec(
          JsonMapper.builder().build(), Map.of(), Map.of(User.class.getName(), User.class), true);

  @Property
  void thePlainStringPathWritesAndReadsWhatJacksonDoes(@ForAll String s) {
    String json = plain.encode("s", s);
    assertThat(json).isEqualTo(codec.encode("s", s));
    assertThat(plain.decode("s", json, String.class)).isEqualTo(s);
    assertThat(plain.decode("s", codec.encode("s", s), String.class)).isEqualTo(s);
  }

  record Item(String sku, int count) {}

  private final AttributeCodec registered =
      new AttributeCodec(
          JsonMapper.builder().build(),
          Map.of("cart", new TypeRef<List<Item>>() {}.type(), "owner", User.class),
          Map.of("user", User.class),
          true);

  @Test
  void anAttributeRegisteredByNameReadsBackAsItsTypeFromPlainJson() {
    String json = registered.encodeUntyped("owner", new User("sam", 3));
    assertThat(json).doesNotContain("@class");
    assertThat(registered.decodeUntyped("owner", json)).isEqualTo(new User("sam", 3));
    String cart = registered.encodeUntyped("cart", List.of(new Item("ring", 1)));
    assertThat(registered.decodeUntyped("cart", cart)).isEqualTo(List.of(new Item("ring", 1)));
    assertThat(registered.<List<Item>>decode("cart", cart, new TypeRef<List<Item>>() {}.type()))
        .containsExactly(new Item("ring", 1));
  }

  @Test
  void aClassRegisteredByAliasIsWrittenWithTheAliasNeverItsName() {
    String json = registered.encodeUntyped("anything", new User("sam", 3));
    assertThat(json).contains("\"@class\":\"user\"").doesNotContain(User.class.getName());
    assertThat(registered.decodeUntyped("anything", json)).isEqualTo(new User("sam", 3));
    assertThat(registered.decode("anything", json, User.class)).isEqualTo(new User("sam", 3));
  }

  @Test
  void anUnregisteredTypeIsRefusedOnUntypedWriteNamingTheFix() {
    assertThatThrownBy(() -> registered.encodeUntyped("item", new Item("ring", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attributeType(\"item\", Item.class)")
        .hasMessageContaining("registerType(Item.class");
    assertThatThrownBy(() -> registered.encodeUntyped("items", List.of(new Item("ring", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registered.encodeUntyped("plain", Map.of("n", List.of(1, "two", true))))
        .isEqualTo("{\"n\":[1,\"two\",true]}");
  }

  @Test
  void anUnknownAliasReadsAsJsonAndNeverLoadsAClass() {
    String json = "{\"@class\":\"java.io.File\",\"value\":{\"path\":\"/etc/passwd\"}}";
    assertThat(registered.decodeUntyped("x", json)).isEqualTo(Map.of("path", "/etc/passwd"));
    String unknown = "{\"@class\":\"admin\",\"value\":{\"name\":\"root\"}}";
    assertThat(registered.decodeUntyped("x", unknown)).isEqualTo(Map.of("name", "root"));
  }

  @Property
  void anyRegisteredValueRoundTrips(@ForAll String name, @ForAll String sku, @ForAll int count) {
    Item item = new Item(sku, count);
    AttributeCodec byAlias =
        new AttributeCodec(
            JsonMapper.builder().build(), Map.of(), Map.of("item", Item.class), true);
    assertThat(byAlias.decodeUntyped(name, byAlias.encodeUntyped(name, item))).isEqualTo(item);
    AttributeCodec byName =
        new AttributeCodec(JsonMapper.builder().build(), Map.of(name, Item.class), Map.of(), true);
    assertThat(byName.decodeUntyped(name, byName.encodeUntyped(name, item))).isEqualTo(item);
  }
}
