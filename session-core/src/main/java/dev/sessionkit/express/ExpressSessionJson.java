package dev.sessionkit.express;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session record of express-session's stores (connect-redis, connect-pg-simple), for store
 * layouts that share sessions with a Node application. Thread-safe; stateless.
 *
 * <p>The record is express-session's session object as JSON: each attribute a member holding its
 * plain JSON value, plus {@code cookie} (express-session's: {@code originalMaxAge} in milliseconds
 * and {@code expires} as an ISO instant, with {@code httpOnly} and {@code path} when SessionKit
 * creates it) and {@code sessionkit} (what SessionKit keeps beyond express-session: {@code c}
 * creation, {@code a} last access, {@code d} absolute deadline, all epoch milliseconds, and {@code
 * p} principal), which Node carries along without reading:
 *
 * <pre>{@code
 * {"cookie":{"originalMaxAge":1800000,"expires":"2026-11-26T13:04:26.669Z","httpOnly":true,"path":"/"},
 *  "user":"frodo","views":2,"sessionkit":{"c":1764160000000,"a":1764161066669,"p":"frodo"}}
 * }</pre>
 *
 * <p>Reading: the idle timeout is {@code cookie.originalMaxAge} ({@link #DEFAULT_IDLE_TIMEOUT} when
 * Node set none), and the session ends at {@code cookie.expires} (Node moves it on every save and
 * touch) or at the absolute deadline, whichever is first. A session Node made has no absolute
 * deadline.
 */
public final class ExpressSessionJson {

  /** The member that holds express-session's cookie. */
  public static final String COOKIE = "cookie";

  /** The member that holds what SessionKit keeps beyond express-session. */
  public static final String META = "sessionkit";

  /** Member names that are not attributes, and that attributes cannot take. */
  public static final Set<String> RESERVED = Set.of(COOKIE, META);

  /** The idle timeout of a session Node made without a cookie lifetime: connect-redis's 1 day. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(1);

  /** How express-session writes {@code cookie.expires}: JavaScript's {@code toISOString}. */
  public static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private ExpressSessionJson() {}

  /**
   * Refuses an attribute name that the record format keeps for itself.
   *
   * @param name an attribute name
   * @throws IllegalArgumentException for {@code cookie} or {@code sessionkit}
   */
  public static void checkName(String name) {
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException(
          "attribute name '" + name + "' is reserved in the express-compatible layout");
    }
  }

  /**
   * Formats an instant as {@code cookie.expires}.
   *
   * @param instant the instant
   * @return the ISO text, milliseconds, {@code Z}
   */
  public static String expires(Instant instant) {
    return EXPIRES.format(instant);
  }

  /**
   * Writes a whole record.
   *
   * @param record the session
   * @return the JSON text
   * @throws IllegalArgumentException if an attribute takes a reserved name
   */
  public static String encode(SessionRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeName(COOKIE);
      g.writeStartObject();
      g.writeNumberProperty("originalMaxAge", record.idleTimeout().toMillis());
      g.writeStringProperty("expires", expires(record.expiresAt()));
      g.writeBooleanProperty("httpOnly", true);
      g.writeStringProperty("path", "/");
      g.writeEndObject();
      for (Map.Entry<String, String> e : record.attributes().entrySet()) {
        checkName(e.getKey());
        g.writeName(e.getKey());
        g.writeRawValue(e.getValue());
      }
      g.writeName(META);
      g.writeRawValue(meta(record));
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes the {@code sessionkit} member of a record.
   *
   * @param record the session
   * @return the member's JSON object
   */
  public static String meta(SessionRecord record) {
    StringBuilder sb = new StringBuilder(96);
    sb.append("{\"c\":").append(record.creationTime().toEpochMilli());
    sb.append(",\"a\":").append(record.lastAccessTime().toEpochMilli());
    if (record.absoluteDeadline() != null) {
      sb.append(",\"d\":").append(record.absoluteDeadline().toEpochMilli());
    }
    if (record.principal() != null) {
      sb.append(",\"p\":").append(MAPPER.writeValueAsString(record.principal()));
    }
    return sb.append('}').toString();
  }

  /**
   * Reads a record written by SessionKit or by express-session.
   *
   * @param key the session's key
   * @param json the stored text
   * @param now the store's now, the last access of a session Node made without {@code expires}
   * @return the session, or empty when the text is not such a record (unreadable means missing)
   */
  public static Optional<SessionRecord> decode(SessionKey key, String json, Instant now) {
    return decode(key, json, now, null);
  }

  /**
   * Reads a record whose end the store keeps beside it (connect-pg-simple's {@code expire} column,
   * which its touch moves without rewriting {@code cookie.expires}).
   *
   * @param key the session's key
   * @param json the stored text
   * @param now the store's now
   * @param expires when the store says the session ends, or null to read {@code cookie.expires}
   * @return the session, or empty when the text is not such a record
   */
  public static Optional<SessionRecord> decode(
      SessionKey key, String json, Instant now, Instant expires) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        return Optional.empty();
      }
      JsonNode cookie = root.path(COOKIE);
      JsonNode meta = root.path(META);
      JsonNode maxAge = cookie.path("originalMaxAge");
      Duration idle =
          maxAge.isNumber() && maxAge.asLong() > 0
              ? Duration.ofMillis(maxAge.asLong())
              : DEFAULT_IDLE_TIMEOUT;
      JsonNode expiresNode = cookie.path("expires");
      if (expires == null && expiresNode.isString()) {
        expires = Instant.parse(expiresNode.asString());
      }
      Instant lastAccess = millis(meta.path("a"));
      if (expires != null) {
        // Node moves cookie.expires on every save and touch; a later use by Node wins.
        Instant byCookie = expires.minus(idle);
        lastAccess = lastAccess == null || byCookie.isAfter(lastAccess) ? byCookie : lastAccess;
      } else if (lastAccess == null) {
        lastAccess = now;
      }
      Instant created = millis(meta.path("c"));
      Map<String, String> attributes = new HashMap<>();
      // Values are kept as the text they were written as, byte for byte.
      members(json)
          .forEach(
              (name, value) -> {
                if (!RESERVED.contains(name)) {
                  attributes.put(name, value);
                }
              });
      JsonNode principal = meta.path("p");
      return Optional.of(
          new SessionRecord(
              key,
              created != null && created.isBefore(lastAccess) ? created : lastAccess,
              lastAccess,
              idle,
              millis(meta.path("d")),
              principal.isString() ? principal.asString() : null,
              attributes));
    } catch (JacksonException | DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Merges one request's changes into a stored record's text, as the stores' own merges do: the
   * members set are replaced or added, the removed ones dropped, {@code cookie.expires} (and {@code
   * cookie.originalMaxAge} when an idle timeout is given) and {@code sessionkit} updated; every
   * other member keeps its exact text. For a store that merges in its client, under a lock.
   *
   * @param json the stored text, a JSON object
   * @param delta the changes; its {@code idleTimeout} is written unless {@code touchOnly}
   * @param touchOnly whether this is a touch: attributes, principal and idle timeout stay
   * @return the merged text
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public static String merge(String json, SessionDelta delta, boolean touchOnly) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, String> members = members(json);
    Map<String, String> cookie =
        root.path(COOKIE).isObject()
            ? members(members.get(COOKIE))
            : new java.util.LinkedHashMap<>();
    Map<String, String> meta =
        root.path(META).isObject() ? members(members.get(META)) : new java.util.LinkedHashMap<>();
    if (!touchOnly) {
      delta.removed().forEach(members::remove);
      delta
          .set()
          .forEach(
              (name, value) -> {
                checkName(name);
                members.put(name, value);
              });
      cookie.put("originalMaxAge", Long.toString(delta.idleTimeout().toMillis()));
      if (delta.principalChanged() && delta.principal() == null) {
        meta.remove("p");
      } else if (delta.principalChanged()) {
        meta.put("p", MAPPER.writeValueAsString(delta.principal()));
      }
    }
    cookie.put("expires", '"' + expires(delta.expiresAt()) + '"');
    meta.put("a", Long.toString(delta.lastAccessTime().toEpochMilli()));
    members.put(COOKIE, object(cookie));
    members.put(META, object(meta));
    return object(members);
  }

  private static String object(Map<String, String> members) {
    StringBuilder sb = new StringBuilder(256).append('{');
    for (Map.Entry<String, String> e : members.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(MAPPER.writeValueAsString(e.getKey())).append(':').append(e.getValue());
    }
    return sb.append('}').toString();
  }

  /**
   * The members of a JSON object known to be well formed, as name to the value's own text. The same
   * walk as the Redis store's Lua script: strings skipped by their quotes, nesting counted.
   */
  static Map<String, String> members(String json) {
    Map<String, String> members = new java.util.LinkedHashMap<>();
    int i = skipSpace(json, json.indexOf('{') + 1);
    while (i < json.length() && json.charAt(i) == '"') {
      int nameEnd = stringEnd(json, i);
      String quoted = json.substring(i, nameEnd + 1);
      String name =
          quoted.indexOf('\\') >= 0
              ? MAPPER.readValue(quoted, String.class)
              : quoted.substring(1, quoted.length() - 1);
      // The text between the colon and the separator, spaces included, is the value as written.
      int start = json.indexOf(':', nameEnd) + 1;
      int end = skipSpace(json, valueEnd(json, skipSpace(json, start)));
      members.put(name, json.substring(start, end));
      i = json.charAt(end) == ',' ? skipSpace(json, end + 1) : json.length();
    }
    return members;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /** The index of a string's closing quote; {@code i} is at its opening quote. */
  private static int stringEnd(String s, int i) {
    for (int j = i + 1; ; j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '"') {
        return j;
      }
    }
  }

  /** The index just past the value that starts at {@code i}. */
  private static int valueEnd(String s, int i) {
    char c = s.charAt(i);
    if (c == '"') {
      return stringEnd(s, i) + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int j = i; ; j++) {
        char d = s.charAt(j);
        if (d == '"') {
          j = stringEnd(s, j);
        } else if (d == '{' || d == '[') {
          depth++;
        } else if ((d == '}' || d == ']') && --depth == 0) {
          return j + 1;
        }
      }
    }
    int j = i;
    while (j < s.length() && ",}] \t\r\n".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }

  private static Instant millis(JsonNode node) {
    return node.isIntegralNumber() ? Instant.ofEpochMilli(node.asLong()) : null;
  }
}
