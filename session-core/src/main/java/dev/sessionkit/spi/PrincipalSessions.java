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
}
