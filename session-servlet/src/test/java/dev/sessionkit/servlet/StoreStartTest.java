package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A WAR's engine whose store cannot be built at deploy: tried again, by the clock, until it is. */
class StoreStartTest {

  private final TestClock clock = TestClock.start();
  private final SessionConfig config =
      SessionConfig.builder().secret(ServedApp.SECRET).clock(clock).build();

  /** A store that cannot be reached the first {@code failures} times it is built. */
  private static StoreFactory downFor(int failures, AtomicInteger tries) {
    return context -> {
      if (tries.incrementAndGet() <= failures) {
        throw new SessionStoreException("database down");
      }
      return MemorySessionStore.builder().create(context);
    };
  }

  @Test
  void aStoreThatIsDownIsTriedAgainAtMostOncePerInterval() {
    AtomicInteger tries = new AtomicInteger();
    try (StoreStart start = new StoreStart(config, downFor(2, tries))) {
      assertThat(start.manager()).isNull();
      assertThat(start.manager()).as("too soon to try again").isNull();
      assertThat(tries).hasValue(1);

      clock.advance(StoreStart.RETRY_INTERVAL);
      assertThat(start.manager()).isNull();
      assertThat(tries).hasValue(2);

      clock.advance(StoreStart.RETRY_INTERVAL);
      SessionManager manager = start.manager();
      assertThat(manager).isNotNull();
      assertThat(start.manager()).isSameAs(manager);
      assertThat(tries).hasValue(3);
    }
  }

  @Test
  void closingAfterAFailedStartOrTwiceIsSafe() {
    AtomicInteger tries = new AtomicInteger();
    StoreStart start = new StoreStart(config, downFor(Integer.MAX_VALUE, tries));
    assertThat(start.manager()).isNull();
    start.close();
    start.close();
    clock.advance(Duration.ofHours(1));
    assertThat(start.manager()).as("no store is built after close").isNull();
    assertThat(tries).hasValue(1);
  }

  @Test
  void sealedSessionsNeedNoStore() {
    try (StoreStart start = new StoreStart(config, null)) {
      assertThat(start.manager()).isNotNull();
    }
  }
}
