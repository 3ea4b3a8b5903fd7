package dev.sessionkit.jdbc;

import java.time.Duration;
import java.time.Instant;

/**
 * Times as the table keeps them: epoch microseconds in a BIGINT, the finest unit every supported
 * database compares exactly. Conversions saturate instead of overflowing, so far-off deadlines stay
 * far off.
 */
final class Micros {

  private Micros() {}

  static long of(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds > Long.MAX_VALUE / 1_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    if (seconds < Long.MIN_VALUE / 1_000_000L + 1) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000L + instant.getNano() / 1_000;
  }

  static long of(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds > Long.MAX_VALUE / 1_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    // A positive timeout shorter than a microsecond must stay positive.
    return Math.max(1L, seconds * 1_000_000L + duration.getNano() / 1_000);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static Duration toDuration(long micros) {
    return Duration.ofSeconds(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
  }
}
