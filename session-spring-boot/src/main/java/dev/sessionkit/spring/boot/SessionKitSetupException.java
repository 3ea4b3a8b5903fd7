package dev.sessionkit.spring.boot;

/**
 * A setting SessionKit cannot start with, found while the application context starts: the message
 * says what is wrong and names the property, the action says what to do. {@link
 * SessionKitFailureAnalyzer} prints both in place of a stack trace.
 */
final class SessionKitSetupException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String action;

  SessionKitSetupException(String message, String action) {
    super(message);
    this.action = action;
  }

  private SessionKitSetupException(String message, String action, RuntimeException cause) {
    super(message, cause);
    this.action = action;
  }

  /** What SessionKit's own checks refused ({@code SessionConfig}, the cookie, the store). */
  static SessionKitSetupException refused(RuntimeException cause) {
    return new SessionKitSetupException(
        "SessionKit refused its settings: " + cause.getMessage(),
        "Change the sessionkit.* (or server.servlet.session.*) property the message names; see"
            + " docs/spring-boot.md for each property.",
        cause);
  }

  String action() {
    return action;
  }
}
