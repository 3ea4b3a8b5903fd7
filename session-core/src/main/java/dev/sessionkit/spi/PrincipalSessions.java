package dev.sessionkit.spi;

import java.util.List;

/**
 * An optional capability of a store that indexes sessions by principal: list the live sessions of
 * one principal ("your sessions") and end them all ("log out everywhere"). A store whose backend
 * cannot do this well does not implement it; the engine then reports the feature as unavailable.
 * Implementations must be thread-safe.
 */
public interface PrincipalSessions {

  /**
   * Lists the live sessions of a principal.
   *
   * @param principal who is logged in
   * @return that principal's live sessions, in no particular order
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  List<SessionRecord> findByPrincipal(String principal);

  /**
   * Deletes every live session of a principal.
   *
   * @param principal who is logged in
   * @return the keys of the sessions deleted
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  List<SessionKey> deleteByPrincipal(String principal);

  /**
   * Makes room for one more session of a principal before the engine writes it, atomically against
   * every other call for the same principal, so that parallel logins cannot both slip past the
   * limit. The newcomer is counted from this call on (a later write of it with this principal keeps
   * it counted; one that never comes frees the place when the store next finds it missing).
   *
   * @param principal who is logging in
   * @param newcomer the key of the session about to carry the principal
   * @param limit the most live sessions the principal may have, at least 1
   * @param endOldest true to end the least recently used sessions over the limit; false to refuse
   * @return what was done
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest);

  /**
   * The answer of {@link #admit}.
   *
   * @param admitted whether the newcomer may carry the principal
   * @param ended the sessions ended to make room, least recently used first
   */
  record Admission(boolean admitted, List<SessionRecord> ended) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if {@code ended} is null
     */
    public Admission {
      ended = List.copyOf(java.util.Objects.requireNonNull(ended, "ended"));
    }
  }
}
