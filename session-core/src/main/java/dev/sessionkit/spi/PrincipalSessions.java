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
   * Holds a cap on the live sessions of a principal, just after the engine wrote the newcomer with
   * that principal. Atomically against every other call for the same principal: when the principal
   * has more than {@code limit} live sessions (the newcomer included), either the least recently
   * used others are ended until it has {@code limit} ({@code endOldest}), or the newcomer itself is
   * ended and refused. Because every login writes first and admits after, the last admission sees
   * every session written before it, and parallel logins cannot both slip past the cap.
   *
   * @param principal who is logging in
   * @param newcomer the key of the session just written with the principal
   * @param limit the most live sessions the principal may have, at least 1
   * @param endOldest true to end the least recently used others; false to refuse the newcomer
   * @return whether the newcomer stays, and the sessions ended (the newcomer among them when
   *     refused)
   * @throws dev.sessionkit.SessionStoreException when the backend fails
   */
  Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest);

  /**
   * The answer of {@link #admit}.
   *
   * @param admitted whether the newcomer stays
   * @param ended the sessions ended, least recently used first
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
