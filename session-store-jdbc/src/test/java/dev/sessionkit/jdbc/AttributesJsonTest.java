package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The hand-written JSON of the attributes column, checked against Jackson's parser: whatever the
 * names and values, what is written parses back to exactly them, and a path names one member.
 */
class AttributesJsonTest {

  private static final JsonFactory JSON = new JsonFactory();

  @Property
  void anyAttributesParseBackToTheSameNamesAndValues(@ForAll Map<String, String> attributes) {
    assertThat(parseObjectOfStrings(AttributesJson.encode(attributes))).isEqualTo(attributes);
  }

  @Property
  void aPathQuotesAnyNameAsOneJsonString(@ForAll String name) {
    String path = AttributesJson.path(name);
    assertThat(path).startsWith("$.");
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), path.substring(2))) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(parser.getString()).isEqualTo(name);
      assertThat(parser.nextToken()).isNull();
    }
  }

  @Property
  void valuesThatAreJsonReadBackAsWritten(@ForAll String text) {
    // A value is JSON text; a JSON string literal of any text is one.
    String value = AttributesJson.path(text).substring(2);
    Map<String, String> attributes = Map.of(text, value, "n", "42");
    assertThat(AttributesJson.decode(AttributesJson.encode(attributes))).contains(attributes);
  }

  private static Map<String, String> parseObjectOfStrings(String json) {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      Map<String, String> members = new HashMap<>();
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
        members.put(name, parser.getString());
      }
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isNull();
      return members;
    }
  }
}
