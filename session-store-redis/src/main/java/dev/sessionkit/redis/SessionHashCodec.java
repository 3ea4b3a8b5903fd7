package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The fields of a session hash: metadata in readable ISO-8601 text, the expiry and the horizons of
 * the key's TTL and the principal index in epoch milliseconds for the scripts to compare, each
 * attribute under {@code a:<name>} as JSON text. Stateless and thread-safe.
 */
final class SessionHashCodec {

  static final String CREATED = "created";
  static final String ACCESSED = "accessed";
  static final String IDLE = "idle";
  static final String DEADLINE = "deadline";
  static final String EXPIRES = "expires";
  static final String PRINCIPAL = "principal";
  static final String INDEX_UNTIL = "ixu";
  static final String TTL_UNTIL = "ttlu";
  static final String ATTRIBUTE = "a:";

  private static final JsonFactory JSON = new JsonFactory();

  private SessionHashCodec() {}

  /**
   * Encodes a whole record as alternating field names and values.
   *
   * @param indexUntil until when the principal index lives, written when there is a principal
   * @param ttlUntil until when (by the engine's clock, before the slack) the key's TTL runs
   */
  static List<String> encode(SessionRecord record, Instant indexUntil, Instant ttlUntil) {
    List<String> out = new ArrayList<>(16 + 2 * record.attributes().size());
    add(out, CREATED, record.creationTime().toString());
    add(out, ACCESSED, record.lastAccessTime().toString());
    add(out, IDLE, record.idleTimeout().toString());
    if (record.absoluteDeadline() != null) {
      add(out, DEADLINE, record.absoluteDeadline().toString());
    }
    add(out, EXPIRES, Long.toString(ceilMillis(record.expiresAt())));
    add(out, TTL_UNTIL, Long.toString(ceilMillis(ttlUntil)));
    if (record.principal() != null) {
      add(out, PRINCIPAL, record.principal());
      add(out, INDEX_UNTIL, Long.toString(ceilMillis(indexUntil)));
    }
    record.attributes().forEach((name, json) -> add(out, ATTRIBUTE + name, json));
    return out;
  }

  /**
   * Decodes a hash.
   *
   * @throws IllegalArgumentException when a field is missing or unreadable, or a value is not JSON
   */
  static SessionRecord decode(SessionKey key, Map<String, String> hash) {
    Map<String, String> attributes = new HashMap<>();
    for (Map.Entry<String, String> field : hash.entrySet()) {
      if (field.getKey().startsWith(ATTRIBUTE)) {
        String name = field.getKey().substring(ATTRIBUTE.length());
        requireJson(name, field.getValue());
        attributes.put(name, field.getValue());
      }
    }
    try {
      String deadline = hash.get(DEADLINE);
      Long.parseLong(required(hash, EXPIRES));
      return new SessionRecord(
          key,
          Instant.parse(required(hash, CREATED)),
          Instant.parse(required(hash, ACCESSED)),
          Duration.parse(required(hash, IDLE)),
          deadline == null ? null : Instant.parse(deadline),
          hash.get(PRINCIPAL),
          attributes);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unreadable time field: " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> hash, String field) {
    String value = hash.get(field);
    if (value == null) {
      throw new IllegalArgumentException("field missing: " + field);
    }
    return value;
  }

  /** Checks that a value is exactly one JSON value, as the store contract promises readers. */
  static void requireJson(String name, String json) {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("attribute '" + name + "' is empty");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("attribute '" + name + "' has trailing content");
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException("attribute '" + name + "' is not JSON", e);
    }
  }

  /** The instant in epoch milliseconds, rounded up so that a record never looks dead too soon. */
  static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** A duration in milliseconds, rounded up; zero or less for a duration that is not positive. */
  static long ceilMillis(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return 0;
    }
    long millis = duration.toMillis();
    return duration.toNanosPart() % 1_000_000 == 0 ? millis : millis + 1;
  }

  private static void add(List<String> out, String field, String value) {
    out.add(field);
    out.add(value);
  }
}
