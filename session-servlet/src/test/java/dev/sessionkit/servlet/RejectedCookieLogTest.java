package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Counting rejected cookies per client: bounded, quiet, and blocking only whom the guard names. */
class RejectedCookieLogTest {

  private static final String LOGGER = "test.rejected-cookies";

  private final TestClock clock = TestClock.start();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  private RejectedCookieLog log(ClientGuard guard) {
    return new RejectedCookieLog(System.getLogger(LOGGER), clock, guard);
  }

  @Test
  void aFloodOfDistinctAddressesStaysBoundedAndLogsOneLine() {
    RejectedCookieLog log =
        log(
            (address, count) -> {
              asked.add(address);
              return true;
            });
    int flood = RejectedCookieLog.MAX_CLIENTS * 2;
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (int i = 0; i < flood; i++) {
        log.rejected("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), 1);
      }
      assertThat(asked).hasSize(RejectedCookieLog.MAX_CLIENTS);
      assertThat(capture.lines())
          .filteredOn(l -> l.startsWith("rejected session cookies"))
          .hasSize(1);
    }
    // Past the bound, addresses are counted together and cannot be blocked one by one.
    assertThat(log.isBlocked("10.0.0.0")).isTrue();
    assertThat(log.isBlocked("10.0." + ((flood - 1) >> 8 & 255) + "." + ((flood - 1) & 255)))
        .isFalse();
  }

  @Test
  void theNextIntervalStartsAgainAndSaysHowManyCameMeanwhile() {
    RejectedCookieLog log = log(ClientGuard.blockAbove(2));
    try (LogCapture capture = new LogCapture(LOGGER)) {
      log.rejected("192.0.2.7", 1);
      log.rejected("192.0.2.7", 1);
      assertThat(log.isBlocked("192.0.2.7")).isFalse();
      log.rejected("192.0.2.7", 1);
      assertThat(log.isBlocked("192.0.2.7")).isTrue();
      assertThat(log.isBlocked("192.0.2.8")).isFalse();
      assertThat(log.secondsLeft()).isEqualTo(10);

      clock.advance(Duration.ofSeconds(10));
      assertThat(log.isBlocked("192.0.2.7")).isFalse();
      log.rejected("192.0.2.8", 2);
      assertThat(capture.lines())
          .filteredOn(l -> l.startsWith("rejected session cookies"))
          .containsExactly(
              "rejected session cookies from 192.0.2.7: 1 in the last 10 s (further ones in the"
                  + " next 10 s are counted, not logged)",
              "rejected session cookies from 192.0.2.8: 2 in the last 10 s (further ones in the"
                  + " next 10 s are counted, not logged; 2 requests with rejected cookies before)");
      assertThat(capture.lines())
          .filteredOn(l -> l.startsWith("blocking"))
          .containsExactly(
              "blocking client 192.0.2.7 for the rest of the interval: 3 rejected session cookies");
    }
  }
}
