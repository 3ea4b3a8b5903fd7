package dev.sessionkit.jdbc;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attributes column: one JSON object that maps each attribute name to the attribute's JSON text
 * as a JSON string. Keeping each value as a string, rather than as nested JSON, is what keeps
 * values byte for byte through {@code jsonb}, which would otherwise reorder keys and rewrite
 * numbers. Thread-safe.
 */
final class AttributesJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private AttributesJson() {}

  /** Writes attributes as the column's JSON object. */
  static String encode(Map<String, String> attributes) {
    ObjectNode node = MAPPER.createObjectNode();
    attributes.forEach(node::put);
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Writes the JSON path of a top-level member, its name quoted as a JSON string so that any name,
   * dots and quotes included, is one path step.
   */
  static String path(String name) {
    return "$." + MAPPER.writeValueAsString(name);
  }

  /**
   * Reads the column.
   *
   * @throws CorruptRowException when the text is not a JSON object of strings
   */
  static Map<String, String> decode(String json) {
    JsonNode node;
    try {
      node = json == null ? null : MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new CorruptRowException("attributes are not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new CorruptRowException("attributes are not a JSON object");
    }
    Map<String, String> attributes = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isString()) {
        throw new CorruptRowException("attribute value is not a JSON string");
      }
      attributes.put(field.getKey(), field.getValue().stringValue());
    }
    return attributes;
  }

  /** A row that cannot be read back; the store treats it as missing. */
  static final class CorruptRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptRowException(String message) {
      super(message, null, false, false);
    }
  }
}
