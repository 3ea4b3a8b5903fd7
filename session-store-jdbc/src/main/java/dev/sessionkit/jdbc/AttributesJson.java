package dev.sessionkit.jdbc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
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

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AttributesJson() {}

  /**
   * Writes attributes as the column's JSON object. Written by hand rather than with a generator: it
   * is a flat object of strings, and this runs on every write of a session.
   */
  static String encode(Map<String, String> attributes) {
    StringBuilder out = new StringBuilder(16 + 32 * attributes.size());
    out.append('{');
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      quote(out, attribute.getKey()).append(':');
      quote(out, attribute.getValue());
    }
    return out.append('}').toString();
  }

  /**
   * Writes the JSON path of a top-level member, its name quoted as a JSON string so that any name,
   * dots and quotes included, is one path step.
   */
  static String path(String name) {
    return quote(new StringBuilder(name.length() + 8).append("$."), name).toString();
  }

  /**
   * Appends text as a JSON string, escaping what JSON requires and nothing more: the quote, the
   * backslash and the control characters below U+0020. Any other character, surrogates included, is
   * written as it is, as Jackson's generator does by default.
   */
  private static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
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
