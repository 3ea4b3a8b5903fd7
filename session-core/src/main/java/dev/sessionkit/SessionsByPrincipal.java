package dev.sessionkit;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What an application can do with every session of one principal: list them ("your sessions") and
 * end them ("log out everywhere"). Available from {@link SessionManager#byPrincipal()} when the
 * store indexes sessions by principal. Thread-safe.
 */
public final class SessionsByPrincipal {

  private final PrincipalSessions index;
  private final Engine engine;

  SessionsByPrincipal(PrincipalSessions index, Engine engine) {
    this.index = index;
    this.engine = engine;
  }

  /**
   * Lists the live sessions of a principal, most recently used first.
   *
   * @param principal who is logged in
   * @return the sessions
   * @throws SessionStoreException when the store fails
   */
  public List<SessionInfo> list(String principal) {
    Objects.requireNonNull(principal, "principal");
    return index.findByPrincipal(principal).stream()
        .map(SessionsByPrincipal::info)
        .sorted(Comparator.comparing(SessionInfo::lastAccessTime).reversed())
        .toList();
  }

  /**
   * Ends every session of a principal; the listener hears {@link SessionListener#invalidated} for
   * each.
   *
   * @param principal who is logged in
   * @return how many sessions were ended
   * @throws SessionStoreException when the store fails
   */
  public int invalidateAll(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionKey> deleted = index.deleteByPrincipal(principal);
    Instant now = engine.now();
    for (SessionKey key : deleted) {
      engine.fire(
          SessionListener::invalidated, key, principal, now, SessionEvent.Reason.LOGOUT_EVERYWHERE);
    }
    return deleted.size();
  }

  private static SessionInfo info(SessionRecord r) {
    return new SessionInfo(r.key(), r.creationTime(), r.lastAccessTime(), r.expiresAt());
  }
}
