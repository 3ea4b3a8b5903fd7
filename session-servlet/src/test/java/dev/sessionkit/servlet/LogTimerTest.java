package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The timer that closes log windows without waiting for the next event. */
class LogTimerTest {

  @Test
  void onceStartedItRunsItsTaskOnItsOwnAndGoesOnAfterAFailure() throws InterruptedException {
    CountDownLatch runs = new CountDownLatch(2);
    try (LogTimer timer =
        LogTimer.every(
            () -> {
              runs.countDown();
              throw new IllegalStateException("a task that fails once is run again");
            })) {
      timer.start();
      timer.start();
      assertThat(runs.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
