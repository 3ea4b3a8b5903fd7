package dev.sessionkit;

import static dev.sessionkit.CommitDecision.CookieOp.CLEAR;
import static dev.sessionkit.CommitDecision.CookieOp.SET;
import static dev.sessionkit.CommitDecision.State.INVALIDATED;
import static dev.sessionkit.CommitDecision.State.LOADED;
import static dev.sessionkit.CommitDecision.State.NEW;
import static dev.sessionkit.CommitDecision.State.UNTOUCHED;
import static dev.sessionkit.CommitDecision.StoreOp.APPLY;
import static dev.sessionkit.CommitDecision.StoreOp.CREATE;
import static dev.sessionkit.CommitDecision.StoreOp.NONE;
import static dev.sessionkit.CommitDecision.StoreOp.TOUCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.CommitDecision.CookieOp;
import dev.sessionkit.CommitDecision.Decision;
import dev.sessionkit.CommitDecision.Input;
import dev.sessionkit.CommitDecision.State;
import dev.sessionkit.CommitDecision.StoreOp;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's decision table, row by row, and its invariants for every input. */
class CommitDecisionTest {

  @ParameterizedTest(
      name =
          "{0} mod={1} regen={2} touchDue={3} inval={4} resave={5} saveUninit={6}"
              + " rolling={7} sealed={8} -> {9} {10}")
  @CsvSource({
    // state,   mod,   regen, touch, inval, resave, saveU, roll,  sealed, store,  cookie
    "UNTOUCHED, false, false, false, false, true,  true,  true,  true,   NONE,   NONE",
    "INVALIDATED,false,false, false, true,  false, false, false, false,  NONE,   CLEAR",
    "NEW,       true,  false, false, false, false, false, false, false,  CREATE, SET",
    "NEW,       false, false, false, false, false, true,  false, false,  CREATE, SET",
    "NEW,       false, false, false, true,  false, false, false, false,  NONE,   CLEAR",
    "NEW,       false, false, true,  false, true,  false, true,  false,  NONE,   NONE",
    "LOADED,    true,  true,  true,  false, false, false, false, false,  CREATE, SET",
    "LOADED,    true,  false, false, false, false, false, false, false,  APPLY,  NONE",
    "LOADED,    true,  false, false, false, false, false, true,  false,  APPLY,  SET",
    "LOADED,    true,  false, false, false, false, false, false, true,   APPLY,  SET",
    "LOADED,    false, false, false, false, true,  false, false, false,  APPLY,  NONE",
    "LOADED,    false, false, true,  false, false, false, false, false,  TOUCH,  NONE",
    "LOADED,    false, false, true,  false, false, false, true,  false,  TOUCH,  SET",
    "LOADED,    false, false, true,  false, false, false, false, true,   TOUCH,  SET",
    "LOADED,    false, false, false, false, false, false, false, false,  NONE,   NONE",
    "LOADED,    false, false, false, false, false, false, true,  false,  NONE,   SET",
    "LOADED,    false, false, false, false, false, false, false, true,   NONE,   NONE",
  })
  void row(
      State state,
      boolean modified,
      boolean regenerated,
      boolean touchDue,
      boolean invalidated,
      boolean resave,
      boolean saveUninitialized,
      boolean rolling,
      boolean sealed,
      StoreOp store,
      CookieOp cookie) {
    Input in =
        new Input(
            state,
            modified,
            regenerated,
            touchDue,
            invalidated,
            resave,
            saveUninitialized,
            rolling,
            sealed,
            false,
            false,
            false);
    assertThat(CommitDecision.decide(in)).isEqualTo(new Decision(store, cookie));
  }

  @ParameterizedTest
  @CsvSource({
    // regenerated, renewalDue, forwarded, modified, rolling -> store, cookie
    "true,  true,  false, false, false,  CREATE, SET",
    "false, true,  false, false, false,  RENEW,  SET",
    "false, true,  false, true,  false,  RENEW,  SET",
    "false, true,  true,  true,  false,  APPLY,  NONE",
    "false, false, true,  true,  true,   APPLY,  NONE",
    "false, false, true,  false, true,   NONE,   NONE",
    "true,  false, true,  false, false,  CREATE, SET",
  })
  void renewalRow(
      boolean regenerated,
      boolean renewalDue,
      boolean forwarded,
      boolean modified,
      boolean rolling,
      StoreOp store,
      CookieOp cookie) {
    Input in =
        new Input(
            LOADED,
            modified,
            regenerated,
            false,
            false,
            false,
            false,
            rolling,
            false,
            false,
            renewalDue,
            forwarded);
    assertThat(CommitDecision.decide(in)).isEqualTo(new Decision(store, cookie));
  }

  @Property
  void invariantsHoldForEveryInput(
      @ForAll State state,
      @ForAll boolean modified,
      @ForAll boolean regenerated,
      @ForAll boolean touchDue,
      @ForAll boolean invalidated,
      @ForAll boolean resave,
      @ForAll boolean saveUninitialized,
      @ForAll boolean rolling,
      @ForAll boolean sealed,
      @ForAll boolean cookieChanged,
      @ForAll boolean renewalDue,
      @ForAll boolean forwarded) {
    Decision d =
        CommitDecision.decide(
            new Input(
                state,
                modified,
                regenerated,
                touchDue,
                invalidated,
                resave,
                saveUninitialized,
                rolling,
                sealed,
                cookieChanged,
                renewalDue,
                forwarded));
    // A request that never used its session costs nothing.
    if (state == UNTOUCHED) {
      assertThat(d).isEqualTo(new Decision(NONE, CookieOp.NONE));
    }
    // Only a new or regenerated session is created; creating always tells the client.
    assertThat(d.store() == CREATE)
        .isEqualTo(
            (state == NEW && (modified || saveUninitialized)) || (state == LOADED && regenerated));
    if (d.store() == CREATE) {
      assertThat(d.cookie()).isEqualTo(SET);
    }
    // Apply and touch only ever target a record that exists.
    if (d.store() == APPLY || d.store() == TOUCH) {
      assertThat(state).isEqualTo(LOADED);
    }
    // A session reached through an old id never sends that id again.
    if (state == LOADED && forwarded && !regenerated) {
      assertThat(d.cookie()).isNotEqualTo(SET);
    }
    // Renewal moves a loaded session that came through its own id, and always tells the client.
    assertThat(d.store() == StoreOp.RENEW)
        .isEqualTo(state == LOADED && !regenerated && renewalDue && !forwarded);
    if (d.store() == StoreOp.RENEW) {
      assertThat(d.cookie()).isEqualTo(SET);
    }
    // A loaded, changed session is always written; an unchanged one is written only when due.
    if (state == LOADED && !regenerated && !forwarded && !renewalDue) {
      assertThat(d.store() == APPLY).isEqualTo(modified || resave);
      assertThat(d.store() == TOUCH).isEqualTo(!modified && !resave && touchDue);
      assertThat(d.cookie() == SET)
          .isEqualTo(rolling || ((sealed || cookieChanged) && (modified || resave || touchDue)));
    }
    // The cookie is cleared only after an invalidation.
    if (d.cookie() == CLEAR) {
      assertThat(state == INVALIDATED || invalidated).isTrue();
    }
  }
}
