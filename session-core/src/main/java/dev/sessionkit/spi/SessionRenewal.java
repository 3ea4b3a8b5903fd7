package dev.sessionkit.spi;

import java.time.Instant;

/**
 * An optional capability of a store that can give a live session a new key while the old key keeps
 * leading to it for a short grace window: what id renewal ({@code
 * SessionConfigBuilder.renewalInterval}) and {@code Session.renew()} need, so that requests already
 * in flight with the old id are neither logged out nor lose their writes. The engine renews ids
 * only on stores that implement it. Implementations must be thread-safe.
 *
 * <p>While {@code from} is within its grace window (now before {@code graceUntil}, on the store's
 * clock) it is a <em>forward</em>: {@link SessionStore#load} of it answers the record now under the
 * new key (whose {@link SessionRecord#key()} is the new key), and {@link SessionStore#apply},
 * {@link SessionStore#touch} and {@link SessionStore#delete} of it act on the record under the new
 * key, so a write that arrives through the old key lands on the renewed session and a logout
 * through it ends the renewed session. A forward leads one step only: to the key it was renewed
 * into, while that key holds a live record. After the window the old key is unknown. A forward
 * never brings back a record that was deleted or has expired, is never listed by principal or
 * counted by an inventory, and is not a session of its own: renewing it answers false.
 */
public interface SessionRenewal {

  /**
   * Moves a live session to a new key, atomically against every other call for either key: the
   * record stored under {@code from}, with {@code delta} applied as {@link SessionStore#apply}
   * would, is stored under {@code delta.key()}; {@code from} then forwards to it until {@code
   * graceUntil}. A delta written through {@code from} by another request before the move is kept;
   * one written after it lands on the new key. When {@code graceUntil} is not after now, {@code
   * from} is gone at once.
   *
   * @param from the session's current key
   * @param delta this request's changes, keyed by the new key
   * @param graceUntil until when {@code from} keeps leading to the session
   * @return true if moved; false when {@code from} holds no live record of its own (none, expired,
   *     or already renewed), in which case nothing is written
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil);
}
