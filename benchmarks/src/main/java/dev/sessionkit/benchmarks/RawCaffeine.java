package dev.sessionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessionkit.spi.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** The hand-written in-memory store the memory benchmarks compare against. */
final class RawCaffeine {

  private RawCaffeine() {}

  /** A bounded cache with idle expiry, as one would write it without a session library. */
  static <K> Cache<K, byte[]> cache(long maximumSize) {
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfterAccess(Fixtures.IDLE_TIMEOUT)
        .build();
  }

  /** The session as one blob: its attributes as a JSON object, in UTF-8. */
  static byte[] bytes(SessionRecord record) {
    return record.attributes().entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"))
        .getBytes(StandardCharsets.UTF_8);
  }
}
