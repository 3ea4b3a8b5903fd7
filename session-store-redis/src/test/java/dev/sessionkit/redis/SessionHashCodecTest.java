package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SessionHashCodecTest {

  private static final SessionKey KEY = new SessionKey("ab".repeat(32));
  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

  @Property(tries = 300)
  void anyRecordReadsBackExactly(@ForAll("records") SessionRecord record) {
    Map<String, String> hash = hash(SessionHashCodec.encode(record, T, T));
    assertThat(SessionHashCodec.decode(record.key(), hash)).isEqualTo(record);
  }

  @Property(tries = 300)
  void theStoredExpiryNeverLiesBeforeTheRealOne(@ForAll("records") SessionRecord record) {
    long expires = Long.parseLong(hash(SessionHashCodec.encode(record, T, T)).get("expires"));
    Instant stored = Instant.ofEpochMilli(expires);
    assertThat(stored).isAfterOrEqualTo(record.expiresAt());
    assertThat(stored).isBefore(record.expiresAt().plusMillis(1));
  }

  @Property(tries = 300)
  void ttlsRoundUpAndStopAtZero(
      @ForAll @LongRange(min = -10_000_000, max = 10_000_000) long nanos) {
    long millis = SessionHashCodec.ceilMillis(Duration.ofNanos(nanos));
    if (nanos <= 0) {
      assertThat(millis).isZero();
    } else {
      assertThat(Duration.ofMillis(millis)).isGreaterThanOrEqualTo(Duration.ofNanos(nanos));
      assertThat(Duration.ofMillis(millis - 1)).isLessThan(Duration.ofNanos(nanos));
    }
  }

  @Test
  void aPrincipalCarriesItsIndexHorizonAndNoPrincipalNone() {
    SessionRecord anonymous = record(null, Map.of());
    assertThat(hash(SessionHashCodec.encode(anonymous, T, T)))
        .doesNotContainKeys("principal", "ixu");
    SessionRecord alices = record("alice", Map.of());
    assertThat(hash(SessionHashCodec.encode(alices, T.plusSeconds(1), T)))
        .containsEntry("principal", "alice")
        .containsEntry("ixu", Long.toString(T.plusSeconds(1).toEpochMilli()));
  }

  @Test
  void everyRecordCarriesTheHorizonOfItsKeysTtl() {
    assertThat(hash(SessionHashCodec.encode(record(null, Map.of()), T, T.plusMillis(1))))
        .containsEntry("ttlu", Long.toString(T.plusMillis(1).toEpochMilli()));
  }

  @Test
  void everyRequiredFieldIsRequired() {
    Map<String, String> good = hash(SessionHashCodec.encode(record(null, Map.of("a", "1")), T, T));
    for (String field : List.of("created", "accessed", "idle", "expires")) {
      Map<String, String> damaged = new HashMap<>(good);
      damaged.remove(field);
      assertThatThrownBy(() -> SessionHashCodec.decode(KEY, damaged))
          .as(field)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(field);
    }
  }

  @Test
  void onlyWholeJsonValuesAreAttributes() {
    for (String json : List.of("1", "\"\"", " { \"a\" : [ 1 ] } ", "null", "[[]]", "-2.5e3")) {
      SessionHashCodec.requireJson("a", json);
    }
    for (String junk : List.of("", " ", "{", "1 2", "[1]]", "'single'", "tru", "{\"a\":1}x")) {
      assertThatThrownBy(() -> SessionHashCodec.requireJson("a", junk))
          .as("<%s>", junk)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Provide
  Arbitrary<SessionRecord> records() {
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(0, 4_000_000_000_000_000L)
            .map(n -> Instant.ofEpochSecond(1_900_000_000L).plusNanos(n));
    Arbitrary<Duration> idle =
        Arbitraries.longs().between(1, 100_000_000_000_000L).map(Duration::ofNanos);
    Arbitrary<String> principal = Arbitraries.strings().ofMaxLength(20).injectNull(0.3);
    Arbitrary<Map<String, String>> attributes =
        Arbitraries.maps(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(20).map(SessionHashCodecTest::jsonString))
            .ofMaxSize(6);
    return Combinators.combine(
            instants, instants, idle, instants.injectNull(0.5), principal, attributes)
        .as(
            (created, accessed, idleTimeout, deadline, who, attrs) ->
                new SessionRecord(KEY, created, accessed, idleTimeout, deadline, who, attrs));
  }

  private static SessionRecord record(String principal, Map<String, String> attributes) {
    return new SessionRecord(KEY, T, T, Duration.ofMinutes(30), null, principal, attributes);
  }

  private static Map<String, String> hash(List<String> fieldsAndValues) {
    Map<String, String> hash = new HashMap<>();
    for (int i = 0; i < fieldsAndValues.size(); i += 2) {
      assertThat(hash.put(fieldsAndValues.get(i), fieldsAndValues.get(i + 1)))
          .as("field %s written once", fieldsAndValues.get(i))
          .isNull();
    }
    return hash;
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
