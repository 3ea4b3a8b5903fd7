package dev.sessionkit;

/**
 * An optional capability of a store whose backend does not expire records by itself: removing
 * expired records on demand. Implementations must be thread-safe and safe to run on several
 * application nodes at once.
 */
public interface ExpirySweeper {

  /**
   * Deletes expired records.
   *
   * @return how many records were deleted
   * @throws SessionStoreException when the backend fails
   */
  long sweepExpired();
}
