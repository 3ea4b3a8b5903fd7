package dev.sessionkit.tck;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the whole kit against deliberately broken stores and checks that it fails them, in the tests
 * that name their fault; the reference store is the control and passes everything.
 */
class KitCatchesBrokenStoresTest {

  private static final String JUPITER = Kit.JUPITER;
  private static final String JQWIK = Kit.JQWIK;

  @Test
  void referenceStorePassesEveryTestAndProperty() {
    Outcome jupiter = run(JUPITER, ReferenceStoreContractTest.class);
    Outcome jqwik = run(JQWIK, ReferenceStoreContractTest.class);
    assertThat(jupiter.started).isGreaterThanOrEqualTo(19);
    assertThat(jupiter.failed).isEmpty();
    assertThat(jqwik.started).isEqualTo(3);
    assertThat(jqwik.failed).isEmpty();
  }

  @Test
  void storeThatResurrectsSessionsFailsTheNoResurrectionTestsAndTheModel() {
    Outcome jupiter = run(JUPITER, ResurrectingStoreContract.class);
    assertThat(jupiter.failed)
        .contains(
            "applyAndTouchDoNotResurrectADeletedSession",
            "applyAndTouchDoNotResurrectAnExpiredSession",
            "deleteRacingSavesLeavesTheSessionDeleted",
            // through a renewed session's old key, past its grace or after a delete
            "writesThroughTheOldKeyLandOnTheRenewedSession",
            "deleteThroughTheOldKeyEndsTheRenewedSession",
            "aForwardNeverBringsBackASessionThatEnded")
        .hasSize(6);
    assertThat(run(JQWIK, ResurrectingStoreContract.class).failed)
        .containsExactly("storeAgreesWithModel");
  }

  @Test
  void storeThatLosesConcurrentUpdatesFailsTheConcurrencyTests() {
    Outcome jupiter = run(JUPITER, LostUpdateStoreContract.class);
    // Read-merge-write without a lock also resurrects a session deleted mid-write, but only when
    // the threads interleave just so; the lost attribute is certain with eight racing threads.
    assertThat(jupiter.failed)
        .contains("concurrentUpdatesOfDifferentAttributesAreAllKept")
        .isSubsetOf(
            "concurrentUpdatesOfDifferentAttributesAreAllKept",
            "deleteRacingSavesLeavesTheSessionDeleted");
    assertThat(jupiter.started).isGreaterThanOrEqualTo(19);
    // Sequentially the store is right, so the model agrees with it: the tests name the fault. The
    // renewal property races writers too, and catches the lost write when the threads interleave.
    assertThat(run(JQWIK, LostUpdateStoreContract.class).failed)
        .isSubsetOf("writesRacingARenewalLandOnTheRenewedSession");
  }

  @Test
  void aCacheThatIsNeverToldOfOtherNodesFailsEveryTwoNodeTest() {
    Outcome control = run(JUPITER, ReferenceTwoNodeTest.class);
    assertThat(control.started).isEqualTo(7);
    assertThat(control.failed).isEmpty();
    assertThat(run(JUPITER, StaleCacheTwoNodeContract.class).failed)
        .containsExactlyInAnyOrder(
            "logoutOnOneNodeIsRefusedByTheOther",
            "everyChangeOnOneNodeIsReadOnTheOther",
            "aTouchOnOneNodeIsReadOnTheOther",
            "aRegenerateOnOneNodeRefusesTheOldKeyOnTheOther",
            "aRenewalOnOneNodeIsFollowedOnTheOther",
            "logOutEverywhereOnOneNodeEndsEverySessionOnTheOther",
            "aKeptSessionExpiresByTheClock");
  }

  private static Outcome run(String engine, Class<?> contract) {
    EngineExecutionResults results = Kit.run(engine, contract);
    Set<String> failed =
        results.testEvents().failed().stream()
            .map(KitCatchesBrokenStoresTest::method)
            .collect(toSet());
    return new Outcome(results.testEvents().started().count(), failed);
  }

  private static String method(Event event) {
    return event
        .getTestDescriptor()
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }

  private record Outcome(long started, Set<String> failed) {}
}
