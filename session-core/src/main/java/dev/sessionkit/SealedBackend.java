package dev.sessionkit;

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
 * Sessions kept whole in the cookie, sealed by {@link SessionSealer}. There is no server storage:
 * writes are re-seals at commit, deletes only clear the cookie, and no session can be revoked
 * before it expires except by rotating keys.
 *
 * <p>The sealed JSON is {@code
 * {"id":..,"c":created,"a":lastAccess,"i":idleMillis,"d":absolute|null,
 * "p":principal|null,"at":{name:value,..}}}, instants as epoch milliseconds.
 */
final class SealedBackend implements SessionBackend {

  /** Browsers keep at most this many bytes of {@code name=value} in one cookie. */
  static final int MAX_COOKIE_BYTES = 4096;

  private final SessionSealer sealer;
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final int nameLength;

  SealedBackend(SessionSealer sealer, String cookieName) {
    this.sealer = sealer;
    this.nameLength = cookieName.length() + 1;
  }

  @Override
  public Optional<Opened> open(String cookieValue) {
    return sealer.open(cookieValue).flatMap(this::decode);
  }

  private Optional<Opened> decode(byte[] json) {
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
      return Optional.of(new Opened(id.get(), Optional.of(record)));
    } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
      // Sealed by us but unreadable (an older format, say): the same outcome as any bad cookie.
      return Optional.empty();
    }
  }

  @Override
  public String cookieValue(SessionId id, SessionRecord record) {
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

  @Override
  public boolean cookieCarriesState() {
    return true;
  }

  @Override
  public void create(SessionRecord record) {
    // Nothing to store: the state travels in the cookie set at commit.
  }

  @Override
  public boolean apply(SessionDelta delta) {
    return true;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return true;
  }

  @Override
  public void delete(SessionKey key) {
    // Nothing to delete: clearing the cookie is all that can be done.
  }

  @Override
  public int deleteByPrincipal(String principal) {
    throw new UnsupportedOperationException(
        "sealed client-side sessions cannot be ended on the server; rotate the keys instead");
  }
}
