package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Counting rejected cookies per client: quiet for a stale cookie, one warning with its reasons for
 * a guesser, bounded, summarized when the interval ends, and blocking only whom the guard names.
 */
class RejectedCookieLogTest {

  private static final String LOGGER = "test.rejected-cookies";
  private static final Map<CookieRejection, Integer> NO_REASONS = Map.of();

  private final TestClock clock = TestClock.start();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  private RejectedCookieLog log(ClientGuard guard, int warnAt) {
    return new RejectedCookieLog(System.getLogger(LOGGER), clock, guard, warnAt, LogTimer.manual());
  }

  private static Map<CookieRejection, Integer> reasons(CookieRejection reason, int n) {
    return Map.of(reason, n);
  }

  @Test
  void aStaleCookieIsCountedButNotLoggedAtWarningOrInfo() {
    RejectedCookieLog log =
        log(ClientGuard.NEVER_BLOCK, SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING);
    try (LogCapture capture = new LogCapture(LOGGER)) {
      // After a logout or a store restart a browser sends its dead cookie on each page it loads.
      for (int i = 0; i < SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING - 1; i++) {
        log.rejected("192.0.2.7", 1, reasons(CookieRejection.UNKNOWN_OR_EXPIRED, 1));
      }
      clock.advance(RejectedCookieLog.INTERVAL);
      log.closeDue();
      log.closeAll();
      assertThat(capture.lines()).isEmpty();
    }
  }

  @Test
  void aClientAtTheThresholdIsWarnedOnceWithWhyItsCookiesWereRejected() {
    RejectedCookieLog log = log(ClientGuard.NEVER_BLOCK, 5);
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (int i = 0; i < 4; i++) {
        log.rejected("192.0.2.7", 1, reasons(CookieRejection.BAD_SIGNATURE, 1));
      }
      assertThat(capture.lines()).isEmpty();
      log.rejected("192.0.2.7", 1, reasons(CookieRejection.MALFORMED, 1));
      for (int i = 0; i < 50; i++) {
        log.rejected("192.0.2.7", 1, NO_REASONS);
      }
      assertThat(capture.lines())
          .containsExactly(
              "rejected session cookies from 192.0.2.7: 5 in 10 s (malformed 1, bad signature 4),"
                  + " at the warning threshold of 5: someone may be guessing session ids (further"
                  + " clients in this interval are counted, not logged)");
    }
  }

  @Test
  void theIntervalsSummaryIsWrittenWhenItsTimeIsOverNotAtTheNextRejection() {
    RejectedCookieLog log = log(ClientGuard.NEVER_BLOCK, 2);
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (String client : new String[] {"192.0.2.1", "192.0.2.2", "192.0.2.3"}) {
        log.rejected(client, 2, NO_REASONS);
      }
      log.rejected("192.0.2.4", 1, NO_REASONS);
      assertThat(capture.lines()).hasSize(1);
      clock.advance(RejectedCookieLog.INTERVAL.minusMillis(1));
      log.closeDue();
      assertThat(capture.lines()).hasSize(1);
      clock.advance(Duration.ofMillis(1));
      log.closeDue();
      assertThat(capture.lines())
          .last()
          .isEqualTo(
              "7 rejected session cookies in 4 requests from 4 clients in the 10 s interval from"
                  + " 2030-01-01T00:00:00Z; 2 more clients reached the warning threshold of 2 and"
                  + " 0 more were blocked");
      log.closeAll();
      assertThat(capture.lines()).hasSize(2);
    }
  }

  @Test
  void aCleanShutdownWritesTheOpenIntervalsSummary() {
    RejectedCookieLog log = log(ClientGuard.NEVER_BLOCK, 1);
    try (LogCapture capture = new LogCapture(LOGGER)) {
      log.rejected("192.0.2.1", 1, NO_REASONS);
      log.rejected("192.0.2.2", 1, NO_REASONS);
      log.closeAll();
      assertThat(capture.lines())
          .last()
          .asString()
          .startsWith("2 rejected session cookies in 2 requests from 2 clients")
          .endsWith("1 more clients reached the warning threshold of 1 and 0 more were blocked");
    }
  }

  @Test
  void aFloodOfDistinctAddressesStaysBoundedAndLogsTwoLines() {
    RejectedCookieLog log =
        log(
            (address, count) -> {
              asked.add(address);
              return true;
            },
            1);
    int flood = RejectedCookieLog.MAX_CLIENTS * 2;
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (int i = 0; i < flood; i++) {
        log.rejected("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), 1, NO_REASONS);
      }
      assertThat(asked).hasSize(RejectedCookieLog.MAX_CLIENTS);
      assertThat(capture.lines()).hasSize(2);
      assertThat(capture.lines().get(0)).startsWith("rejected session cookies from 10.0.0.0: 1");
      assertThat(capture.lines().get(1)).startsWith("blocking client 10.0.0.0");
      // Past the bound, addresses are counted together and cannot be blocked one by one.
      assertThat(log.isBlocked("10.0.0.0")).isTrue();
      assertThat(log.isBlocked("10.0." + ((flood - 1) >> 8 & 255) + "." + ((flood - 1) & 255)))
          .isFalse();
      log.closeAll();
      assertThat(capture.lines())
          .last()
          .isEqualTo(
              flood
                  + " rejected session cookies in "
                  + flood
                  + " requests from "
                  + RejectedCookieLog.MAX_CLIENTS
                  + "+ clients in the 10 s interval from 2030-01-01T00:00:00Z; "
                  + (RejectedCookieLog.MAX_CLIENTS - 1)
                  + " more clients reached the warning threshold of 1 and "
                  + (RejectedCookieLog.MAX_CLIENTS - 1)
                  + " more were blocked");
    }
  }

  @Test
  void aBlockLastsForTheRestOfTheIntervalAndTheGuardDecidesAloneOfTheWarning() {
    RejectedCookieLog log = log(ClientGuard.blockAbove(2), 100);
    try (LogCapture capture = new LogCapture(LOGGER)) {
      log.rejected("192.0.2.7", 1, NO_REASONS);
      log.rejected("192.0.2.7", 1, NO_REASONS);
      assertThat(log.isBlocked("192.0.2.7")).isFalse();
      log.rejected("192.0.2.7", 1, NO_REASONS);
      assertThat(log.isBlocked("192.0.2.7")).isTrue();
      assertThat(log.anyBlocked()).isTrue();
      assertThat(log.isBlocked("192.0.2.8")).isFalse();
      assertThat(log.secondsLeft()).isEqualTo(10);
      clock.advance(Duration.ofSeconds(4));
      assertThat(log.secondsLeft()).isEqualTo(6);

      clock.advance(Duration.ofSeconds(6));
      assertThat(log.anyBlocked()).isFalse();
      assertThat(log.isBlocked("192.0.2.7")).isFalse();
      assertThat(capture.lines())
          .containsExactly(
              "blocking client 192.0.2.7 for the rest of the interval: 3 rejected session cookies",
              "3 rejected session cookies in 3 requests from 1 clients in the 10 s interval from"
                  + " 2030-01-01T00:00:00Z");
    }
  }
}
