package dev.sessionkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.tck.TestClock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code HttpSession} view of a core session, without a container. */
class HttpSessionAdapterTest {

  private final TestClock clock = TestClock.start();

  private HttpSessionAdapter adapter(SessionConfigBuilder config) {
    SessionConfig built = config.secret(ServedApp.SECRET).clock(clock).build();
    Session session =
        SessionManager.create(built, MemorySessionStore.builder())
            .open(List.of(), false)
            .getOrCreate();
    return new HttpSessionAdapter(session, null, SessionEvents.of(null, java.util.List.of()));
  }

  @Test
  void attributesReadBackAsJsonTypes() {
    HttpSessionAdapter s = adapter(SessionConfig.builder());
    s.setAttribute("n", 7);
    s.setAttribute("user", Map.of("name", "sam", "level", 2));
    assertThat(s.getAttribute("n")).isEqualTo(7);
    assertThat(s.getAttribute("user")).isEqualTo(Map.of("name", "sam", "level", 2));
    assertThat(Collections.list(s.getAttributeNames())).containsExactlyInAnyOrder("n", "user");
    s.setAttribute("n", null);
    assertThat(s.getAttribute("n")).isNull();
  }

  @Test
  void anUnregisteredObjectIsRefusedNamingTheFix() {
    HttpSessionAdapter s = adapter(SessionConfig.builder());
    assertThatThrownBy(() -> s.setAttribute("user", new Scenarios.User("sam", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attributeType(\"user\", User.class)");
  }

  @Test
  void objectsRegisteredByNameOrAliasReadBackAsThemselves() {
    HttpSessionAdapter byName =
        adapter(SessionConfig.builder().attributeType("user", Scenarios.User.class));
    byName.setAttribute("user", new Scenarios.User("sam", 2));
    assertThat((Scenarios.User) byName.getAttribute("user"))
        .isEqualTo(new Scenarios.User("sam", 2));
    HttpSessionAdapter byAlias =
        adapter(SessionConfig.builder().registerType(Scenarios.User.class, "user"));
    byAlias.setAttribute("owner", new Scenarios.User("sam", 2));
    assertThat(byAlias.getAttribute("owner")).isEqualTo(new Scenarios.User("sam", 2));
  }

  @Test
  void allowListedClassesReadBackAsThemselves() {
    HttpSessionAdapter s = adapter(SessionConfig.builder().allowUntyped(Scenarios.User.class));
    s.setAttribute("user", new Scenarios.User("sam", 2));
    assertThat(s.getAttribute("user")).isEqualTo(new Scenarios.User("sam", 2));
  }

  @Test
  void maxInactiveIntervalIsTheIdleTimeout() {
    HttpSessionAdapter s = adapter(SessionConfig.builder().idleTimeout(Duration.ofMinutes(5)));
    assertThat(s.getMaxInactiveInterval()).isEqualTo(300);
    s.setMaxInactiveInterval(42);
    assertThat(s.getMaxInactiveInterval()).isEqualTo(42);
  }

  @Test
  void zeroMaxInactiveIntervalLeavesOnlyTheAbsoluteTimeout() {
    HttpSessionAdapter s = adapter(SessionConfig.builder().absoluteTimeout(Duration.ofHours(2)));
    s.setMaxInactiveInterval(0);
    assertThat(s.getMaxInactiveInterval()).isEqualTo(7200);
  }

  @Test
  void zeroMaxInactiveIntervalWithoutAbsoluteTimeoutIsRefused() {
    HttpSessionAdapter s = adapter(SessionConfig.builder().absoluteTimeout(null));
    assertThatThrownBy(() -> s.setMaxInactiveInterval(-1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absolute timeout");
  }

  @Test
  void timesAreEpochMillisOfTheClock() {
    HttpSessionAdapter s = adapter(SessionConfig.builder());
    assertThat(s.getCreationTime()).isEqualTo(clock.instant().toEpochMilli());
    assertThat(s.getLastAccessedTime()).isEqualTo(clock.instant().toEpochMilli());
    assertThat(s.isNew()).isTrue();
  }

  @Test
  void anInvalidatedSessionRefusesUse() {
    HttpSessionAdapter s = adapter(SessionConfig.builder());
    s.invalidate();
    assertThatThrownBy(() -> s.getAttribute("n")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::invalidate).isInstanceOf(IllegalStateException.class);
  }
}
