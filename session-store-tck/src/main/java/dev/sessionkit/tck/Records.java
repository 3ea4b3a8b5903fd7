package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Builds the keys, records, deltas and JSON values the kit feeds to a store. */
final class Records {

  private Records() {}

  /** A key as the engine makes one: the hash of a freshly drawn id. */
  static SessionKey newKey() {
    return TestKeys.newKey();
  }

  static SessionRecord record(
      SessionKey key,
      Instant now,
      Duration idleTimeout,
      Instant absoluteDeadline,
      String principal,
      Map<String, String> attributes) {
    return new SessionRecord(key, now, now, idleTimeout, absoluteDeadline, principal, attributes);
  }

  /** A delta that leaves the principal and idle timeout of {@code current} as they are. */
  static SessionDelta delta(
      SessionRecord current, Instant now, Map<String, String> set, Set<String> removed) {
    return new SessionDelta(
        current.key(),
        set,
        removed,
        now,
        current.idleTimeout(),
        SessionRecord.expiresAt(now, current.idleTimeout(), current.absoluteDeadline()),
        false,
        null);
  }

  /** A delta that writes a principal (null logs out). */
  static SessionDelta principalDelta(SessionRecord current, Instant now, String principal) {
    return new SessionDelta(
        current.key(),
        Map.of(),
        Set.of(),
        now,
        current.idleTimeout(),
        SessionRecord.expiresAt(now, current.idleTimeout(), current.absoluteDeadline()),
        true,
        principal);
  }

  /** Encodes text as a JSON string literal, as the engine's codec would. */
  static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // A lone surrogate has no UTF-8 form; escaping it keeps the text valid for any backend.
          boolean loneSurrogate =
              Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c)
                      && i + 1 < text.length()
                      && Character.isLowSurrogate(text.charAt(i + 1)))
                  && !(Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(text.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
