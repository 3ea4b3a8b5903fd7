package dev.sessionkit;

/** A session store did not answer within its timeout. */
public class SessionStoreTimeoutException extends SessionStoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what timed out
   * @param cause the driver's exception, or null
   */
  public SessionStoreTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
