package dev.sessionkit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SessionKitSetupException} as Boot reports its own misconfigurations:
 * "APPLICATION FAILED TO START", what is wrong, and what to do, without a stack trace.
 */
public final class SessionKitFailureAnalyzer
    extends AbstractFailureAnalyzer<SessionKitSetupException> {

  /** Creates the analyzer; Spring Boot calls it. */
  public SessionKitFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SessionKitSetupException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
