package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Store failures in the log: one line per kind and window with the cause, the operation and the
 * time, the stack trace once, and a count of the rest written when the window's time is over.
 */
class FailureLogTest {

  private static final String LOGGER = "test.store-failures";

  private final TestClock clock = TestClock.start();
  private final Set<String> traced = ConcurrentHashMap.newKeySet();
  private final FailureLog log =
      new FailureLog(System.getLogger(LOGGER), clock, traced, LogTimer.manual());

  /** What a load throws when the store's server is down, as it comes out of the engine. */
  private static Throwable loadFailure() {
    // With a listener the engine times its calls, so the failure says how long the load ran.
    SessionConfig config =
        SessionConfig.builder()
            .secret("a test secret of at least thirty-two bytes")
            .listener(new SessionListener() {})
            .build();
    try (SessionManager manager =
        SessionManager.create(
            config,
            context -> {
              SwitchableStore store =
                  new SwitchableStore(MemorySessionStore.builder().create(context));
              store.down.set(true);
              return store;
            })) {
      return catchThrowable(manager::checkStore);
    }
  }

  private static SessionStoreException refused() {
    return new SessionStoreException(
        "load session: Redis failed", new ConnectException("Connection refused\n  at 6379"));
  }

  @Test
  void theFirstFailureIsOneLineWithItsCauseOperationAndTimeAndItsTraceOnce() {
    try (LogCapture capture = new LogCapture(LOGGER)) {
      log.failed(loadFailure(), "GET /cart", Duration.ofMillis(102));
      clock.advance(FailureLog.INTERVAL);
      log.failed(loadFailure(), "GET /cart", Duration.ofMillis(7));
      assertThat(capture.lines()).hasSize(2);
      assertThat(capture.lines().get(0))
          .matches(
              "(?s)session store failed during GET /cart, 102 ms into the request: store"
                  + " operation LOAD failed after \\d+ ms:"
                  + " dev\\.sessionkit\\.SessionStoreTimeoutException: backend did not answer"
                  + " within 100ms for SessionKey\\[0+\\] \\(further failures of the kind"
                  + " SessionStoreTimeoutException in the next 10 s are counted, not logged\\)\n"
                  + ".*")
          .contains("at dev.sessionkit.servlet.SwitchableStore.load");
      // The next window's first line has no stack trace: it was logged once already.
      assertThat(capture.lines().get(1))
          .startsWith("session store failed during GET /cart, 7 ms into the request")
          .doesNotContain("\n");
    }
  }

  @Test
  void theRootCauseIsNamedOnTheSameLineAndMakesItsOwnKind() {
    try (LogCapture capture = new LogCapture(LOGGER)) {
      log.failed(refused(), "POST /login", Duration.ZERO);
      log.failed(loadFailure(), "POST /login", Duration.ZERO);
      log.failed(refused(), "POST /login", Duration.ZERO);
      assertThat(capture.lines()).hasSize(2);
      assertThat(capture.lines().get(0))
          .startsWith(
              "session store failed during POST /login, 0 ms into the request: store operation"
                  + " unknown: dev.sessionkit.SessionStoreException: load session: Redis failed;"
                  + " cause: java.net.ConnectException: Connection refused at 6379 (further"
                  + " failures of the kind SessionStoreException caused by ConnectException");
    }
  }

  @Test
  void theCountIsWrittenWhenTheWindowsTimeIsOverWithoutAnotherFailure() {
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (int i = 0; i < 500; i++) {
        log.failed(loadFailure(), "GET /cart", Duration.ZERO);
      }
      clock.advance(FailureLog.INTERVAL.minusMillis(1));
      log.closeDue();
      assertThat(capture.lines()).hasSize(1);
      clock.advance(Duration.ofMillis(1));
      log.closeDue();
      assertThat(capture.lines())
          .hasSize(2)
          .last()
          .isEqualTo(
              "499 more session store failures (SessionStoreTimeoutException) in the 10 s window"
                  + " from 2030-01-01T00:00:00Z, after the one logged: 500 in that window");
      log.closeDue();
      log.closeAll();
      assertThat(capture.lines()).hasSize(2);
    }
  }

  @Test
  void aCleanShutdownWritesTheCountsOfTheOpenWindows() {
    try (LogCapture capture = new LogCapture(LOGGER)) {
      for (int i = 0; i < 3; i++) {
        log.failed(loadFailure(), "GET /a", Duration.ZERO);
        log.failed(refused(), "GET /b", Duration.ZERO);
      }
      log.failed(refused(), "GET /b", Duration.ZERO);
      log.closeAll();
      assertThat(capture.lines()).hasSize(4);
      assertThat(capture.lines().subList(2, 4))
          .anySatisfy(
              l -> assertThat(l).startsWith("2 more session store failures (SessionStoreTimeout"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(
                          "3 more session store failures (SessionStoreException caused by"
                              + " ConnectException)"));
    }
  }
}
