package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionStore;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's state is a plain object; its immediate operations take the engine's one path. */
class SessionStateTest {

  private final EngineFixture f = new EngineFixture();

  @Test
  void theStateHoldsNothingThatReachesTheStore() {
    List<Class<?>> reaching =
        List.of(Engine.class, StoreCalls.class, SessionOperations.class, SessionStore.class);
    assertThat(Arrays.stream(SessionState.class.getDeclaredFields()).map(Field::getType))
        .noneMatch(type -> reaching.stream().anyMatch(r -> r.isAssignableFrom(type)));
  }

  @Test
  void invalidateAndReloadAreReportedStoreCallsLikeTheCommitsOwn() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Session s = ctx.current().orElseThrow();
    f.storeCalls.clear();
    s.reload();
    s.invalidate();
    assertThat(f.storeCalls).containsExactly(StoreOperation.LOAD, StoreOperation.DELETE);
    assertThat(ctx.commit()).hasValueSatisfying(c -> assertThat(c.isClearing()).isTrue());
  }
}
