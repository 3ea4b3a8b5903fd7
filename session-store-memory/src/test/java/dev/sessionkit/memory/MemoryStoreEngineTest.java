package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory store under the real engine, as an application with no store configured uses it. */
class MemoryStoreEngineTest {

  private final TestClock clock = TestClock.start();
  private final RecordingListener listener = new RecordingListener();
  private MemorySessionStore store;
  private final SessionManager engine =
      SessionManager.create(
          SessionConfig.builder()
              .secret("0123456789abcdef0123456789abcdef-memory-test")
              .clock(clock)
              .listener(listener)
              .idleTimeout(Duration.ofMinutes(30))
              .build(),
          context -> store = MemorySessionStore.builder().executor(Runnable::run).create(context));

  private SessionContext request(String cookie) {
    return engine.open(cookie == null ? List.of() : List.of(cookie), true);
  }

  @Test
  void changingAnObjectAfterSetDoesNotChangeWhatTheNextRequestLoads() {
    SessionContext first = request(null);
    List<String> cart = new ArrayList<>(List.of("apple"));
    first.getOrCreate().set("cart", cart);
    cart.add("pear");
    SetCookie cookie = first.commit().orElseThrow();
    cart.add("plum");

    Session again = request(cookie.name() + "=" + cookie.value()).current().orElseThrow();
    assertThat(again.get("cart", List.class)).contains(List.of("apple"));
  }

  @Test
  void theEngineHearsExpiryFromTheStore() {
    SessionContext first = request(null);
    first.getOrCreate().set("user", "alice");
    SetCookie cookie = first.commit().orElseThrow();

    clock.advance(Duration.ofMinutes(31));
    store.sweepExpired();
    assertThat(listener.expired).hasSize(1);
    assertThat(request(cookie.name() + "=" + cookie.value()).current()).isEmpty();
  }
}
