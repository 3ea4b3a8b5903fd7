package dev.sessionkit.jdbc;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The attributes column: one JSON object that maps each attribute name to the attribute's JSON text
 * as a JSON string. Keeping each value as a string, rather than as nested JSON, is what keeps
 * values byte for byte through {@code jsonb}, which would otherwise reorder keys and rewrite
 * numbers. Thread-safe.
 *
 * <p>Reading is where the store keeps its promise that an unreadable row is a missing session: the
 * engine hands values to the application without parsing them again. It is done with the streaming
 * parser, without building a tree: one pass over the column, and one over each value to check that
 * it is exactly one JSON value.
 */
final class AttributesJson {

  // The streaming factory alone: no data binding, no tree, nothing configured per call.
  private static final JsonFactory JSON = new JsonFactory();

  private AttributesJson() {}

  /** Writes attributes as the column's JSON object. */
  static String encode(Map<String, String> attributes) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      generator.writeStartObject();
      for (Map.Entry<String, String> attribute : attributes.entrySet()) {
        generator.writeStringProperty(attribute.getKey(), attribute.getValue());
      }
      generator.writeEndObject();
    }
    return out.toString();
  }

  /**
   * Writes the JSON path of a top-level member, its name quoted as a JSON string so that any name,
   * dots and quotes included, is one path step.
   */
  static String path(String name) {
    StringWriter out = new StringWriter().append("$.");
    try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      generator.writeString(name);
    }
    return out.toString();
  }

  /**
   * Reads the column.
   *
   * @return the attributes, or empty when the text is not a JSON object whose every member is a
   *     string holding exactly one JSON value
   */
  static Optional<Map<String, String>> decode(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Map<String, String> attributes = new HashMap<>();
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
          return Optional.empty();
        }
        String value = parser.getString();
        if (!isOneJsonValue(value)) {
          return Optional.empty();
        }
        attributes.put(name, value);
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(attributes);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** Returns whether the text is exactly one well-formed JSON value, without building it. */
  private static boolean isOneJsonValue(String text) {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }
}
