package dev.sessionkit.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns attribute values into JSON text and back. Thread-safe.
 *
 * <p>Values are written as plain JSON. A typed read names its type and Jackson binds to it. An
 * untyped read (the {@code HttpSession} bridge) gives:
 *
 * <ul>
 *   <li>for an attribute registered by name ({@code attributeType("user", User.class)}): an
 *       instance of that type, from plain JSON;
 *   <li>for a value of a class registered by alias ({@code registerType(User.class, "user")}): an
 *       instance of that class, from an envelope {@code {"@class":"<alias>","value":<json>}}
 *       written with it. The alias is looked up among the registered ones only: nothing read from a
 *       store ever names a class to load. An alias this application does not know is logged once
 *       and the value read as JSON;
 *   <li>otherwise JSON's own types (String, Integer, Long, BigInteger, Double, Boolean, List, Map).
 * </ul>
 *
 * <p>A plain value whose JSON happens to start like an envelope is wrapped in one with the alias
 * {@code "json"}, so it reads back unchanged.
 */
public final class AttributeCodec {

  private static final System.Logger LOG = System.getLogger(AttributeCodec.class.getName());
  private static final String ENVELOPE_PREFIX = "{\"@class\":";
  private static final String PLAIN_JSON = "json";
  private static final int MAX_REPORTED_ALIASES = 64;

  private final JsonMapper mapper;
  private final boolean plainStrings;
  // False when values are shared with programs that would read an envelope as data (Node).
  private final boolean envelopes;
  private final Map<String, JavaType> byName;
  private final Map<String, Class<?>> byAlias;
  private final Map<Class<?>, String> aliasOf;
  private final Set<String> reportedAliases = ConcurrentHashMap.newKeySet();
  private final Set<String> reportedMismatches = ConcurrentHashMap.newKeySet();

  /**
   * Creates a codec that reads untyped values of these classes back as themselves, each under its
   * class name as alias.
   *
   * @param mapper the JSON mapper
   * @param allowed the classes untyped reads may return
   */
  public AttributeCodec(JsonMapper mapper, Set<Class<?>> allowed) {
    this(mapper, Map.of(), aliases(allowed), false);
  }

  private static Map<String, Class<?>> aliases(Set<Class<?>> classes) {
    Map<String, Class<?>> aliases = new java.util.HashMap<>();
    for (Class<?> type : classes) {
      aliases.put(type.getName(), type);
    }
    return aliases;
  }

  /**
   * Creates a codec.
   *
   * @param mapper the JSON mapper
   * @param byName attribute names whose values are of one type, to that type
   * @param byAlias aliases to the classes written under them
   * @param plainStrings whether the mapper is a default one, so that strings needing no escapes can
   *     be written and read without it (a custom mapper may treat strings its own way)
   */
  public AttributeCodec(
      JsonMapper mapper,
      Map<String, Type> byName,
      Map<String, Class<?>> byAlias,
      boolean plainStrings) {
    this(mapper, byName, byAlias, plainStrings, true);
  }

  /**
   * Creates a codec, with or without envelopes.
   *
   * @param mapper the JSON mapper
   * @param byName attribute names whose values are of one type, to that type
   * @param byAlias aliases to the classes written under them; empty without envelopes
   * @param plainStrings whether the mapper is a default one
   * @param envelopes false to write every value as its plain JSON and read every value so, for
   *     values other programs read and write (express-compatible sessions)
   */
  public AttributeCodec(
      JsonMapper mapper,
      Map<String, Type> byName,
      Map<String, Class<?>> byAlias,
      boolean plainStrings,
      boolean envelopes) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.plainStrings = plainStrings;
    this.envelopes = envelopes;
    Map<String, JavaType> types = new java.util.HashMap<>();
    byName.forEach((name, type) -> types.put(name, mapper.constructType(type)));
    this.byName = Map.copyOf(types);
    this.byAlias = Map.copyOf(byAlias);
    Map<Class<?>, String> reverse = new java.util.HashMap<>();
    byAlias.forEach((alias, type) -> reverse.put(type, alias));
    this.aliasOf = Map.copyOf(reverse);
  }

  /**
   * Encodes a value: plain JSON, or an envelope naming the alias of a class registered by alias.
   *
   * @throws IllegalArgumentException when the value cannot be written as JSON
   */
  public String encode(String name, Object value) {
    if (plainStrings && value instanceof String text && isPlain(text)) {
      // What Jackson writes for a string that needs no escapes, without a generator.
      return '"' + text + '"';
    }
    if (plainStrings
        && (value instanceof Integer || value instanceof Long || value instanceof Boolean)
        && !byName.containsKey(name)
        && !aliasOf.containsKey(value.getClass())) {
      // What a default mapper writes for these, without a generator: the value's own digits.
      return value.toString();
    }
    try {
      JavaType named = byName.get(name);
      if (named != null) {
        String json = mapper.writerFor(named).writeValueAsString(value);
        return envelopes && json.startsWith(ENVELOPE_PREFIX) ? envelope(PLAIN_JSON, json) : json;
      }
      String json = mapper.writeValueAsString(value);
      String alias = value == null ? null : aliasOf.get(value.getClass());
      if (alias != null) {
        return envelope(alias, json);
      }
      return envelopes && json.startsWith(ENVELOPE_PREFIX) ? envelope(PLAIN_JSON, json) : json;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Encodes a value written through the untyped API, refusing one that an untyped read could not
   * give back as itself.
   *
   * @throws IllegalArgumentException when the value's class is neither JSON's own nor registered,
   *     with a message naming the fix
   */
  public String encodeUntyped(String name, Object value) {
    if (!byName.containsKey(name) && !readsBackAsItself(value, 0)) {
      String type = value.getClass().getName();
      throw new IllegalArgumentException(
          "attribute '"
              + name
              + "' holds a "
              + type
              + ", which getAttribute could only give back as JSON maps and lists: register it"
              + " with SessionConfig.builder().attributeType(\""
              + name
              + "\", "
              + value.getClass().getSimpleName()
              + ".class) or .registerType("
              + value.getClass().getSimpleName()
              + ".class, \"<alias>\")");
    }
    return encode(name, value);
  }

  private boolean readsBackAsItself(Object value, int depth) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof BigInteger
        || value instanceof BigDecimal
        || aliasOf.containsKey(value.getClass())) {
      return true;
    }
    if (depth > 16) {
      return false;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!readsBackAsItself(item, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String) || !readsBackAsItself(e.getValue(), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private String envelope(String alias, String json) {
    ObjectNode node = mapper.createObjectNode();
    node.put("@class", alias);
    node.set("value", mapper.readTree(json));
    return mapper.writeValueAsString(node);
  }

  /**
   * Decodes a value as the named type.
   *
   * @throws IllegalArgumentException when the JSON does not bind to the type
   */
  public <T> T decode(String name, String json, Class<T> type) {
    if (plainStrings && type == String.class && isPlainLiteral(json)) {
      return type.cast(json.substring(1, json.length() - 1));
    }
    return decode(name, json, mapper.constructType(type));
  }

  /**
   * Decodes a value as a generic type.
   *
   * @throws IllegalArgumentException when the JSON does not bind to the type
   */
  public <T> T decode(String name, String json, Type type) {
    return decode(name, json, mapper.constructType(type));
  }

  /**
   * Reads a value as the type the application names or registered, or null when the stored JSON
   * does not fit that type (another program, or an older version, wrote something else under the
   * name): one warning per attribute and type says so, naming neither the value nor the session.
   *
   * @param name the attribute's name
   * @param json the stored value
   * @param type the type to read it as
   * @return the value, or null when it does not fit the type
   */
  public <T> T read(String name, String json, Type type) {
    JavaType target = mapper.constructType(type);
    if (plainStrings && target.getRawClass() == String.class && isPlainLiteral(json)) {
      @SuppressWarnings("unchecked")
      T text = (T) json.substring(1, json.length() - 1);
      return text;
    }
    try {
      return decode(name, json, target);
    } catch (IllegalArgumentException e) {
      reportMismatch(name, target);
      return null;
    }
  }

  private void reportMismatch(String name, JavaType type) {
    String what = name + " " + type.toCanonical();
    if (reportedMismatches.size() < MAX_REPORTED_ALIASES && reportedMismatches.add(what)) {
      LOG.log(
          Level.WARNING,
          "attribute ''{0}'' holds a value that is not a {1}: it reads as absent (did another"
              + " program or an older version write it?)",
          name.length() > 64 ? name.substring(0, 64) + "…" : name,
          type.toCanonical());
    }
  }

  private <T> T decode(String name, String json, JavaType type) {
    try {
      if (envelopes && json.startsWith(ENVELOPE_PREFIX)) {
        return mapper.treeToValue(mapper.readTree(json).get("value"), type);
      }
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' is not a " + type.toCanonical() + ": " + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Decodes a value for an untyped read: as its name's registered type (null, with one warning,
   * when it does not fit that type), as the class its envelope's alias is registered for, or as
   * JSON's own types.
   *
   * @throws IllegalArgumentException when the JSON cannot be read
   */
  public Object decodeUntyped(String name, String json) {
    try {
      JavaType named = byName.get(name);
      if (named != null) {
        return read(name, json, named);
      }
      if (envelopes && json.startsWith(ENVELOPE_PREFIX)) {
        JsonNode node = mapper.readTree(json);
        String alias = node.path("@class").asString("");
        Class<?> registered = byAlias.get(alias);
        if (registered == null && !alias.equals(PLAIN_JSON)) {
          reportUnknown(alias);
        }
        Class<?> target = registered == null ? Object.class : registered;
        return mapper.treeToValue(node.get("value"), target);
      }
      if (plainStrings && isPlainLiteral(json)) {
        return json.substring(1, json.length() - 1);
      }
      return mapper.readValue(json, Object.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private void reportUnknown(String alias) {
    if (reportedAliases.size() < MAX_REPORTED_ALIASES && reportedAliases.add(alias)) {
      LOG.log(
          Level.WARNING,
          "attribute type alias ''{0}'' is not registered here; its values read as JSON maps"
              + " (register it with SessionConfig.builder().registerType(...))",
          alias.length() > 64 ? alias.substring(0, 64) + "…" : alias);
    }
  }

  /** Whether the text is a JSON string literal whose content needs no unescaping. */
  private static boolean isPlainLiteral(String json) {
    int n = json.length();
    if (n < 2 || json.charAt(0) != '"' || json.charAt(n - 1) != '"') {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = json.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  /** Whether JSON writes this text as it is between quotes: no quote, backslash or control. */
  private static boolean isPlain(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether a value of this class is read back as itself by an untyped read. */
  public boolean isAllowListed(Class<?> type) {
    return aliasOf.containsKey(type);
  }
}
