package dev.sessionkit;

/**
 * A session store failed: its backend is down, timed out, or answered something it should not. The
 * root of every store failure; the driver's exception is the cause. Messages never hold a raw
 * session id.
 */
public class SessionStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the driver's exception, or null
   */
  public SessionStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public SessionStoreException(String message) {
    super(message);
  }
}
