package dev.sessionkit.spi;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where server-side sessions live. The engine builds one through a {@link StoreFactory} and calls
 * it; applications rarely do. Finding sessions by principal is the optional {@link
 * PrincipalSessions} capability.
 *
 * <p>The contract, which {@code session-store-tck} checks for any implementation:
 *
 * <ul>
 *   <li><b>Thread safety.</b> Every method is called by many request threads at once and must be
 *       thread-safe.
 *   <li><b>Keys.</b> Records are keyed by {@link SessionKey}, a hash of the id; a store never sees
 *       a raw session id, unless it declares {@link #keysByRawId()}.
 *   <li><b>One clock, one judge.</b> The store reads time only from the {@link StoreContext} clock
 *       the engine built it with. A record whose {@link SessionRecord#expiresAt()} is not after
 *       that clock's now is gone: {@link #load} returns empty, {@link #apply} and {@link #touch}
 *       return false. The engine trusts the answer and does not check again. A store may remove
 *       such a record lazily; where it notices an expiry or an eviction by itself it tells the
 *       context's {@link SessionListener}.
 *   <li><b>No resurrection.</b> {@link #apply} and {@link #touch} on a record that was deleted or
 *       has expired do nothing and return false. Only {@link #create} makes a record.
 *   <li><b>No lost updates.</b> {@link #apply} is atomic against other calls for the same key: two
 *       concurrent deltas that change different attributes are both kept; for the same attribute,
 *       the last one applied wins.
 *   <li><b>Values are opaque.</b> Attribute values are JSON text; a store keeps them byte for byte.
 *   <li><b>Failures.</b> A backend that is down, slow past its timeout or otherwise failing throws
 *       {@link SessionStoreException} (or a subclass) with the driver's exception as cause; it
 *       never blocks a caller without bound.
 *   <li><b>Unreadable means missing.</b> A record the store cannot decode (corrupt, of another
 *       format, an attribute value that is not JSON) is treated as missing, never handed to the
 *       engine, and may be removed.
 * </ul>
 */
public interface SessionStore extends AutoCloseable {

  /**
   * Loads a live session.
   *
   * @param key the session's key
   * @return the record, or empty when there is none or it has expired
   * @throws SessionStoreException when the backend fails
   */
  Optional<SessionRecord> load(SessionKey key);

  /**
   * Writes a new session, replacing any record under the same key.
   *
   * @param record the whole session
   * @throws SessionStoreException when the backend fails
   */
  void create(SessionRecord record);

  /**
   * Applies one request's changes atomically to an existing session.
   *
   * @param delta the changes
   * @return true if applied; false if the session no longer exists (nothing is written)
   * @throws SessionStoreException when the backend fails
   */
  boolean apply(SessionDelta delta);

  /**
   * Records a use of an unchanged session, moving its idle expiry.
   *
   * @param key the session's key
   * @param lastAccessTime the new last access time
   * @param expiresAt the new expiry (the engine computes it from the record's timeouts)
   * @return true if touched; false if the session no longer exists
   * @throws SessionStoreException when the backend fails
   */
  boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt);

  /**
   * Deletes a session.
   *
   * @param key the session's key
   * @return true if a record was deleted
   * @throws SessionStoreException when the backend fails
   */
  boolean delete(SessionKey key);

  /**
   * Returns whether this store keeps records under raw session ids instead of their hashes, as a
   * layout that another program reads by id must (connect-redis, connect-pg-simple). The engine
   * then hands it keys whose value is the id itself ({@link SessionKey#isRawId()}); a dump of such
   * a store holds usable ids. The default is false, and stores should keep it so.
   *
   * @return true for a store keyed by raw ids
   */
  default boolean keysByRawId() {
    return false;
  }

  /**
   * Releases what the store opened. The default does nothing.
   *
   * @throws SessionStoreException when closing fails
   */
  @Override
  default void close() {}
}
