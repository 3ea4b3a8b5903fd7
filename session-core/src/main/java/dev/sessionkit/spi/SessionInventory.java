package dev.sessionkit.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An optional capability of a store that can count, page through and clear every session it holds:
 * express-session's {@code store.length}, {@code store.all} and {@code store.clear}, for admin
 * tools. Sessions are named by their keys (hashes), never by ids. Implementations must be
 * thread-safe; none of these calls is atomic against concurrent writes.
 */
public interface SessionInventory {

  /**
   * Counts the live sessions.
   *
   * @return how many live sessions the store holds
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  long count();

  /**
   * Whether {@link #count()} is cheap enough to poll often (a gauge read every scrape): true for an
   * in-process store, false where counting scans a backend.
   *
   * @return true when counting costs about nothing; false by default
   */
  default boolean countIsCheap() {
    return false;
  }

  /**
   * Reads one page of live sessions. Pages are in no particular order; a session created or ended
   * while paging may or may not appear, but a session live throughout appears exactly once.
   *
   * @param cursor empty for the first page, else {@link Page#next()} of the previous one
   * @param limit the most records to return, at least 1 (a store may return fewer)
   * @return the page
   * @throws IllegalArgumentException for a cursor this store did not make, or a limit below 1
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  Page page(Optional<String> cursor, int limit);

  /**
   * Deletes every session this store holds (for its prefix or table only). Fires no events.
   *
   * @return how many were deleted
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  long clear();

  /**
   * One page of sessions.
   *
   * @param records the live sessions of this page
   * @param next the cursor of the next page; empty after the last
   */
  record Page(List<SessionRecord> records, Optional<String> next) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if a field is null
     */
    public Page {
      records = List.copyOf(Objects.requireNonNull(records, "records"));
      Objects.requireNonNull(next, "next");
    }
  }
}
