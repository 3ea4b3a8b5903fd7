package dev.sessionkit.examples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the named test classes and prints one line per test that did not pass: {@code SKIPPED
 * <test>: <reason>} or {@code FAILED <test>: <cause>}, then a closing {@code passed/skipped/failed}
 * count. Exits 1 when a test failed. {@link FreshMachineIT} starts it in a JVM whose environment
 * has none of the variables that {@link dev.sessionkit.testsupport.TestServers} reads.
 */
final class FreshMachineRun {

  private FreshMachineRun() {}

  public static void main(String[] args) throws ClassNotFoundException {
    List<ClassSelector> selectors = new ArrayList<>();
    for (String name : args) {
      selectors.add(selectClass(Class.forName(name)));
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Counts counts = new Counts();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, counts);
    System.out.printf(
        "fresh machine: %d passed, %d failed, %d skipped%n",
        counts.passed, counts.failed, counts.skipped);
    System.exit(counts.failed == 0 ? 0 : 1);
  }

  /** Counts the tests (not the containers) by outcome and names each that did not pass. */
  private static final class Counts implements TestExecutionListener {
    int passed;
    int failed;
    int skipped;

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      skipped++;
      report("SKIPPED", test, Optional.of(reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      switch (result.getStatus()) {
        case SUCCESSFUL:
          if (test.isTest()) {
            passed++;
          }
          break;
        case ABORTED:
          skipped++;
          report("SKIPPED", test, result.getThrowable().map(Throwable::getMessage));
          break;
        case FAILED:
        default:
          failed++;
          report("FAILED", test, result.getThrowable().map(Throwable::toString));
          break;
      }
    }

    private static void report(String outcome, TestIdentifier test, Optional<String> why) {
      System.out.println(outcome + " " + test.getDisplayName() + ": " + why.orElse("(no reason)"));
    }
  }
}
