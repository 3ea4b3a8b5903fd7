package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.internal.SessionSealer;
import dev.sessionkit.spi.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The format of a session kept whole in its cookie, sealed by {@link SessionSealer}. There is no
 * server storage: writes are re-seals at commit, deletes only clear the cookie, and no session can
 * be revoked before it expires except by rotating keys. Being its own store, it alone decides
 * expiry: a payload past its deadline opens as nothing.
 *
 * <p>The sealed JSON is {@code
 * {"id":..,"c":created,"a":lastAccess,"i":idleMillis,"d":absolute|null,
 * "p":principal|null,"at":{name:value,..}}}, instants as epoch milliseconds.
 */
final class SealedCookie {

  /** Browsers keep at most this many bytes of {@code name=value} in one cookie. */
  static final int MAX_COOKIE_BYTES = 4096;

  private final SessionSealer sealer;
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final int nameLength;

  SealedCookie(SessionConfig config) {
    String name = config.cookie().name();
    this.sealer = new SessionSealer(config.keyRing(), name, config.random());
    this.nameLength = name.length() + 1;
  }

  /** Opens a cookie value; empty when it does not open, does not parse, or has expired at now. */
  Optional<Engine.Opened> open(String cookieValue, Instant now) {
    return sealer
        .open(cookieValue)
        .flatMap(this::decode)
        .filter(opened -> !opened.record().orElseThrow().isExpiredAt(now));
  }

  private Optional<Engine.Opened> decode(byte[] json) {
    try {
      JsonNode node = mapper.readTree(json);
      Optional<SessionId> id = SessionId.parse(node.path("id").asString(null));
      JsonNode attributes = node.path("at");
      if (id.isEmpty() || !attributes.isObject() || !node.path("i").isIntegralNumber()) {
        return Optional.empty();
      }
      Map<String, String> values = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : attributes.properties()) {
        values.put(e.getKey(), mapper.writeValueAsString(e.getValue()));
      }
      JsonNode deadline = node.path("d");
      JsonNode principal = node.path("p");
      SessionRecord record =
          new SessionRecord(
              id.get().key(),
              Instant.ofEpochMilli(node.path("c").asLong()),
              Instant.ofEpochMilli(node.path("a").asLong()),
              Duration.ofMillis(node.path("i").asLong()),
              deadline.isIntegralNumber() ? Instant.ofEpochMilli(deadline.asLong()) : null,
              principal.isString() ? principal.asString() : null,
              values);
      return Optional.of(new Engine.Opened(id.get(), Optional.of(record), false));
    } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
      // Sealed by us but unreadable (an older format, say): the same outcome as any bad cookie.
      return Optional.empty();
    }
  }

  /**
   * Seals a session into a cookie value.
   *
   * @throws SessionTooLargeException when it no longer fits in a cookie
   */
  String value(SessionId id, SessionRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("id", id.value());
      g.writeNumberProperty("c", record.creationTime().toEpochMilli());
      g.writeNumberProperty("a", record.lastAccessTime().toEpochMilli());
      g.writeNumberProperty("i", record.idleTimeout().toMillis());
      if (record.absoluteDeadline() != null) {
        g.writeNumberProperty("d", record.absoluteDeadline().toEpochMilli());
      }
      if (record.principal() != null) {
        g.writeStringProperty("p", record.principal());
      }
      g.writeName("at");
      g.writeStartObject();
      for (Map.Entry<String, String> e : record.attributes().entrySet()) {
        g.writeName(e.getKey());
        g.writeRawValue(e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    String value = sealer.seal(out.toByteArray());
    int size = nameLength + value.getBytes(StandardCharsets.US_ASCII).length;
    if (size > MAX_COOKIE_BYTES) {
      throw new SessionTooLargeException(size, MAX_COOKIE_BYTES);
    }
    return value;
  }
}
