package dev.sessionkit;

/**
 * A login was refused because the principal already has as many live sessions as {@link
 * SessionConfigBuilder#maxSessionsPerPrincipal} allows and the policy is {@link
 * SessionCapPolicy#REFUSE}. Turn it into a 4xx answer (409 or 429) that tells the user to log out
 * elsewhere first. The message names no session id.
 */
public class SessionLimitExceededException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int limit;

  /**
   * Creates the exception.
   *
   * @param limit the cap that was reached
   */
  public SessionLimitExceededException(int limit) {
    super("this principal already has the most live sessions allowed (" + limit + ")");
    this.limit = limit;
  }

  /**
   * Returns the cap that was reached.
   *
   * @return the most live sessions per principal
   */
  public int limit() {
    return limit;
  }
}
