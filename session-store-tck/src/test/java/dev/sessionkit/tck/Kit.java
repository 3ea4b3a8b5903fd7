package dev.sessionkit.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs a contract class on one test engine, the way a build would, and returns what happened. */
final class Kit {

  static final String JUPITER = "junit-jupiter";
  static final String JQWIK = "jqwik";

  private Kit() {}

  static EngineExecutionResults run(String engine, Class<?> contract) {
    return EngineTestKit.engine(engine)
        // jqwik remembers failures in a file; the broken stores' expected failures stay in target/.
        .configurationParameter("jqwik.database", "target/jqwik-database")
        // The expected failures' reports become test events here instead of pages of build log.
        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
        .selectors(selectClass(contract))
        .execute();
  }
}
