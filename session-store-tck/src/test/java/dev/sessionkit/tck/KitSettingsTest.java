package dev.sessionkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The kit's overridable settings take effect, it closes what it opens, and it can be skipped. */
class KitSettingsTest {

  @Test
  void propertyTriesAreOverridableAndEveryStoreIsClosed() {
    CountingStoreContract.OPENED.set(0);
    CountingStoreContract.CLOSED.set(0);
    EngineExecutionResults results = Kit.run("jqwik", CountingStoreContract.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    // One store per try, plus the probe that lets an absent server skip each property: the model
    // property's tries are overridden (7); the cap property tries each of its 4 limits x 2
    // policies once (jqwik generates exhaustively when that is fewer than its tries); the renewal
    // property keeps its own 10 tries.
    assertThat(CountingStoreContract.OPENED).hasValue(7 + 1 + 8 + 1 + 10 + 1);
    assertThat(CountingStoreContract.CLOSED).hasValue(7 + 1 + 8 + 1 + 10 + 1);
  }

  @Test
  void examplesCloseTheirStores() {
    CountingStoreContract.OPENED.set(0);
    CountingStoreContract.CLOSED.set(0);
    EngineExecutionResults results = Kit.run("junit-jupiter", CountingStoreContract.class);
    results.testEvents().assertStatistics(s -> s.failed(0));
    assertThat(CountingStoreContract.OPENED.get())
        .isEqualTo(results.testEvents().started().count());
    assertThat(CountingStoreContract.CLOSED).hasValue(CountingStoreContract.OPENED.get());
  }

  @Test
  void failedAssumptionInNewStoreSkipsTestsAndProperties() {
    EngineExecutionResults jupiter = Kit.run("junit-jupiter", UnavailableStoreContract.class);
    jupiter.testEvents().assertStatistics(s -> s.failed(0).succeeded(0));
    assertThat(jupiter.testEvents().aborted().count()).isGreaterThanOrEqualTo(19);

    EngineExecutionResults jqwik = Kit.run("jqwik", UnavailableStoreContract.class);
    jqwik.testEvents().assertStatistics(s -> s.failed(0).succeeded(0).skipped(3));
  }
}
