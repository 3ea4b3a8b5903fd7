package dev.sessionkit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns attribute values into JSON text and back. Thread-safe.
 *
 * <p>Values are written as plain JSON. A typed read names its class and Jackson binds to it. An
 * untyped read (the {@code HttpSession} bridge) gives JSON's own types (String, Integer, Long,
 * BigInteger, Double, Boolean, List, Map, null), except for values of an allow-listed class: those
 * are written in an envelope {@code {"@class":"<name>","value":<json>}} and read back as that
 * class. The class is looked up in the allow-list only; nothing read from a store ever names a
 * class to load. A plain value whose JSON happens to start like an envelope is wrapped in one with
 * the class {@code "json"}, so it reads back unchanged.
 */
public final class AttributeCodec {

  private static final String ENVELOPE_PREFIX = "{\"@class\":";
  private static final String PLAIN_JSON = "json";

  private final JsonMapper mapper;
  private final Map<String, Class<?>> allowList;

  public AttributeCodec(JsonMapper mapper, Set<Class<?>> allowed) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    Map<String, Class<?>> byName = new HashMap<>();
    for (Class<?> type : allowed) {
      byName.put(type.getName(), type);
    }
    this.allowList = Map.copyOf(byName);
  }

  /**
   * Encodes a value.
   *
   * @throws IllegalArgumentException when the value cannot be written as JSON
   */
  public String encode(String name, Object value) {
    try {
      String json = mapper.writeValueAsString(value);
      if (value != null && allowList.containsKey(value.getClass().getName())) {
        return envelope(value.getClass().getName(), json);
      }
      return json.startsWith(ENVELOPE_PREFIX) ? envelope(PLAIN_JSON, json) : json;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private String envelope(String type, String json) {
    ObjectNode node = mapper.createObjectNode();
    node.put("@class", type);
    node.set("value", mapper.readTree(json));
    return mapper.writeValueAsString(node);
  }

  /**
   * Decodes a value as the named type.
   *
   * @throws IllegalArgumentException when the JSON does not bind to the type
   */
  public <T> T decode(String name, String json, Class<T> type) {
    try {
      if (json.startsWith(ENVELOPE_PREFIX)) {
        return mapper.treeToValue(mapper.readTree(json).get("value"), type);
      }
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' is not a " + type.getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Decodes a value to JSON's own types, or to an allow-listed class named by its envelope. */
  public Object decodeUntyped(String name, String json) {
    try {
      if (json.startsWith(ENVELOPE_PREFIX)) {
        JsonNode node = mapper.readTree(json);
        Class<?> allowed = allowList.get(node.path("@class").asString(""));
        Class<? extends Object> type = allowed == null ? Object.class : allowed;
        return mapper.treeToValue(node.get("value"), type);
      }
      return mapper.readValue(json, Object.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /** Returns whether the text is exactly one well-formed JSON value, without building it. */
  public boolean isWellFormed(String json) {
    try (JsonParser parser = mapper.createParser(json)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Returns whether a value of this class is read back as itself by an untyped read. */
  public boolean isAllowListed(Class<?> type) {
    return allowList.containsKey(type.getName());
  }
}
