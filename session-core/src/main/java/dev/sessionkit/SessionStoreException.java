package dev.sessionkit;

import java.time.Duration;
import java.util.Optional;

/**
 * A session store failed: its backend is down, timed out, or answered something it should not. The
 * root of every store failure; the driver's exception is the cause. Messages never hold a raw
 * session id.
 */
public class SessionStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  // Set by the engine as the failure passes out of the store call it made.
  private StoreOperation operation;
  private Duration elapsed;

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

  /**
   * Returns the store operation that failed, as the engine called it; empty when the failure did
   * not come through the engine (a store called directly).
   *
   * @return the operation
   */
  public Optional<StoreOperation> operation() {
    return Optional.ofNullable(operation);
  }

  /**
   * Returns how long the failed store call ran before it failed, when the engine timed it (it times
   * every call when a {@link SessionListener} is set).
   *
   * @return the time the call took
   */
  public Optional<Duration> elapsed() {
    return Optional.ofNullable(elapsed);
  }

  /** Notes the call this failure came out of, once: the innermost call is the one that failed. */
  final void failedIn(StoreOperation operation, Duration elapsed) {
    if (this.operation == null) {
      this.operation = operation;
      this.elapsed = elapsed;
    }
  }
}
