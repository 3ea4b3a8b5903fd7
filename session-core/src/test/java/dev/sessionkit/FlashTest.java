package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Flash}: a value the next request that reads it gets once, stored as an attribute. */
class FlashTest {

  private final EngineFixture f = new EngineFixture();

  record Notice(String text, int level) {}

  @Test
  void aValuePutInOneRequestIsTakenOnceByTheNext() {
    String cookie = f.login("frodo");
    SessionContext login = f.request(cookie);
    Flash.of(login).put("welcome", new Notice("Welcome back, frodo", 1));
    login.commit();

    SessionContext next = f.request(cookie);
    assertThat(Flash.of(next).take("welcome", Notice.class))
        .contains(new Notice("Welcome back, frodo", 1));
    // Taken: the same request reads it no more, and the removal is written.
    assertThat(Flash.of(next).take("welcome", Notice.class)).isEmpty();
    next.commit();

    assertThat(Flash.of(f.request(cookie)).take("welcome", Notice.class)).isEmpty();
  }

  @Test
  void takingANameThatHoldsNothingWritesNothing() {
    String cookie = f.login("frodo");
    f.storeCalls.clear();
    SessionContext ctx = f.request(cookie);
    assertThat(Flash.of(ctx).take("welcome", String.class)).isEmpty();
    ctx.commit();
    assertThat(f.storeCalls).containsExactly(StoreOperation.LOAD);
  }

  @Test
  void takingWithoutASessionCreatesNone() {
    SessionContext ctx = f.request();
    assertThat(Flash.of(ctx).take("welcome", String.class)).isEmpty();
    assertThat(ctx.current()).isEmpty();
    assertThat(ctx.commit()).isEmpty();
    assertThat(f.store.records).isEmpty();
  }

  @Test
  void puttingCreatesTheSessionAndIsAnOrdinaryTypedAttribute() {
    SessionContext ctx = f.request();
    Flash.of(ctx).put("notices", List.of("saved.", "sent."));
    assertThat(ctx.commit()).isPresent();
    Session session = ctx.current().orElseThrow();
    assertThat(session.attributeNames()).containsExactly(Flash.PREFIX + "notices");
    assertThat(Flash.of(ctx).take("notices", new TypeRef<List<String>>() {}))
        .contains(List.of("saved.", "sent."));
  }

  @Test
  void aValueThatDoesNotBindToTheTypeIsKept() {
    String cookie = f.login("frodo");
    SessionContext ctx = f.request(cookie);
    Flash.of(ctx).put("count", "not a number");
    assertThat(Flash.of(ctx).take("count", Integer.class)).isEmpty();
    assertThat(Flash.of(ctx).take("count", String.class)).contains("not a number");
  }

  @Test
  void worksOnSealedSessions() {
    SessionManager sealed =
        SessionManager.sealed(
            SessionConfig.builder().secret(EngineFixture.SECRET).clock(f.clock).build());
    SessionContext first = sealed.open(List.of(), true);
    Flash.of(first).put("notice", "saved.");
    String cookie = first.commit().orElseThrow().value();

    SessionContext second = sealed.open(List.of("sid=" + cookie), true);
    assertThat(Flash.of(second).take("notice", String.class)).contains("saved.");
    String after = second.commit().orElseThrow().value();

    assertThat(Flash.of(sealed.open(List.of("sid=" + after), true)).take("notice", String.class))
        .isEmpty();
  }
}
