package dev.sessionkit.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that tests move by hand, so that expiry is tested without sleeping. Thread-safe. */
public final class TestClock extends Clock {

  private volatile Instant now;

  /**
   * Creates a clock at the given instant.
   *
   * @param start the first reading
   */
  public TestClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Creates a clock at a fixed, millisecond-aligned instant in 2030.
   *
   * @return the clock
   */
  public static TestClock start() {
    return new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far
   */
  public synchronized void advance(Duration amount) {
    now = now.plus(amount);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestClock is always UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
