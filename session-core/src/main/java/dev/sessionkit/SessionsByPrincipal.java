package dev.sessionkit;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an application can do with every session of one principal: list them ("your sessions"), end
 * one of them by its handle ("log out this one"), end the others ("log out everywhere else") or all
 * ("log out everywhere"). Available from {@link SessionManager#byPrincipal()} when the store
 * indexes sessions by principal. Thread-safe.
 *
 * <p>Sessions are named to clients by {@link SessionInfo#handle() handles}, never by id or store
 * key: a handle cannot be turned into either, and resolves only among the sessions of the principal
 * it was made for, so a handle of another account (or a made-up one) ends nothing. A handle names
 * the login, not the id: it stays the same while the session is renewed or regenerated with its
 * data, so a list shown before another device's session got a new id still ends that session.
 */
public final class SessionsByPrincipal {

  private final Engine engine;
  private final SessionHandles handles;

  SessionsByPrincipal(Engine engine) {
    this.engine = engine;
    this.handles = new SessionHandles(engine.config.keyRing());
  }

  /**
   * Lists the live sessions of a principal, most recently used first, none of them marked current.
   *
   * @param principal who is logged in
   * @return the sessions
   * @throws SessionStoreException when the store fails
   */
  public List<SessionInfo> list(String principal) {
    Objects.requireNonNull(principal, "principal");
    return list(principal, null);
  }

  /**
   * Lists the live sessions of the principal of a request's session, most recently used first, with
   * that session marked {@link SessionInfo#current() current}.
   *
   * @param current the session of the request, from {@code Sessions.of(request)} or a {@link
   *     SessionContext}
   * @return the sessions; empty when nobody is logged in to {@code current}
   * @throws SessionStoreException when the store fails
   * @throws IllegalArgumentException if {@code current} is not a session of a {@link
   *     SessionManager}
   * @throws IllegalStateException if {@code current} was invalidated
   */
  public List<SessionInfo> list(Session current) {
    ManagedSession session = managed(current);
    Optional<String> principal = session.principal();
    return principal.isEmpty() ? List.of() : list(principal.get(), session.state().key());
  }

  private List<SessionInfo> list(String principal, SessionKey current) {
    return engine.store.findByPrincipal(principal).stream()
        .map(r -> info(principal, r, r.key().equals(current)))
        .sorted(Comparator.comparing(SessionInfo::lastAccessTime).reversed())
        .toList();
  }

  /**
   * Ends one session of a principal, named by its handle (for admin tools; a "your sessions" page
   * uses {@link #invalidate(Session, String)}). The listener hears {@link
   * SessionListener#invalidated} with {@link SessionEvent.Reason#LOGOUT}.
   *
   * @param principal whose session it is
   * @param handle the session's {@link SessionInfo#handle() handle}; anything else ends nothing
   * @return whether a session was ended; false for a malformed handle, or one that names no live
   *     session of this principal
   * @throws SessionStoreException when the store fails
   */
  public boolean invalidate(String principal, String handle) {
    Objects.requireNonNull(principal, "principal");
    if (!SessionHandles.isWellFormed(handle)) {
      return false; // checked before the store is asked: junk costs no round trip
    }
    for (SessionRecord r : engine.store.findByPrincipal(principal)) {
      if (handles.matches(handle, principal, r.key(), seed(r))) {
        return end(r.key(), principal, SessionEvent.Reason.LOGOUT);
      }
    }
    return false;
  }

  /**
   * Ends one session of the principal of a request's session, named by its handle ("log out this
   * one"). When the handle names the request's own session, that session is {@link
   * Session#invalidate() invalidated}, so its cookie is cleared too.
   *
   * @param current the session of the request
   * @param handle the session's {@link SessionInfo#handle() handle}, as the client sent it
   * @return whether a session was ended; false when nobody is logged in to {@code current}, for a
   *     malformed handle, and for one that names no live session of this principal (another
   *     principal's, an ended one)
   * @throws SessionStoreException when the store fails
   * @throws IllegalArgumentException if {@code current} is not a session of a {@link
   *     SessionManager}
   * @throws IllegalStateException if {@code current} was invalidated
   */
  public boolean invalidate(Session current, String handle) {
    ManagedSession session = managed(current);
    Optional<String> principal = session.principal();
    if (principal.isEmpty() || !SessionHandles.isWellFormed(handle)) {
      return false;
    }
    SessionState state = session.state();
    if (handles.matches(handle, principal.get(), state.key(), state.stored(Reserved.HANDLE_SEED))) {
      session.invalidate();
      return true;
    }
    return invalidate(principal.get(), handle);
  }

  /**
   * Ends every session of the principal of a request's session except that one ("log out everywhere
   * else"); the listener hears {@link SessionListener#invalidated} with {@link
   * SessionEvent.Reason#LOGOUT_EVERYWHERE} for each.
   *
   * @param current the session of the request, which stays
   * @return how many sessions were ended; 0 when nobody is logged in to {@code current}
   * @throws SessionStoreException when the store fails
   * @throws IllegalArgumentException if {@code current} is not a session of a {@link
   *     SessionManager}
   * @throws IllegalStateException if {@code current} was invalidated
   */
  public int invalidateOthers(Session current) {
    ManagedSession session = managed(current);
    Optional<String> principal = session.principal();
    if (principal.isEmpty()) {
      return 0;
    }
    SessionKey own = session.state().key();
    int ended = 0;
    for (SessionRecord r : engine.store.findByPrincipal(principal.get())) {
      if (!r.key().equals(own)
          && end(r.key(), principal.get(), SessionEvent.Reason.LOGOUT_EVERYWHERE)) {
        ended++;
      }
    }
    return ended;
  }

  /**
   * Ends every session of a principal ("log out everywhere"); the listener hears {@link
   * SessionListener#invalidated} with {@link SessionEvent.Reason#LOGOUT_EVERYWHERE} for each.
   *
   * @param principal who is logged in
   * @return how many sessions were ended
   * @throws SessionStoreException when the store fails
   */
  public int invalidateAll(String principal) {
    Objects.requireNonNull(principal, "principal");
    List<SessionKey> deleted = engine.store.deleteByPrincipal(principal);
    Instant now = engine.now();
    for (SessionKey key : deleted) {
      engine.fire(
          SessionListener::invalidated, key, principal, now, SessionEvent.Reason.LOGOUT_EVERYWHERE);
    }
    return deleted.size();
  }

  /**
   * Expires one session of a principal, named by its handle, as Spring Security's {@code
   * SessionInformation.expireNow()} means it: the login ends, but the session stays for its next
   * request to learn why ({@link #expiredPrincipal}), so a browser can be told "you were logged out
   * because you logged in elsewhere" rather than shown a login page with no reason. In one atomic
   * write to the store the session loses its principal (it leaves the principal's index and no
   * longer counts against the cap), its handle and every attribute (the application's and the
   * security context with them), and gains a mark naming the principal; it keeps its times, so it
   * ends when it would have. A write for a session already gone writes nothing. The listener hears
   * {@link SessionListener#invalidated} with {@link SessionEvent.Reason#EXPIRED}.
   *
   * @param principal whose session it is
   * @param handle the session's {@link SessionInfo#handle() handle}; anything else expires nothing
   * @return whether a session was expired; false for a malformed handle, or one that names no live
   *     session of this principal
   * @throws SessionStoreException when the store fails
   */
  public boolean expire(String principal, String handle) {
    Objects.requireNonNull(principal, "principal");
    if (!SessionHandles.isWellFormed(handle)) {
      return false;
    }
    for (SessionRecord r : engine.store.findByPrincipal(principal)) {
      if (handles.matches(handle, principal, r.key(), seed(r))) {
        Set<String> removed = new HashSet<>(r.attributes().keySet());
        removed.remove(Reserved.CLIENT); // a bound session stays bound to its client
        removed.remove(Reserved.EXPIRED);
        SessionDelta tombstone =
            new SessionDelta(
                r.key(),
                Map.of(Reserved.EXPIRED, engine.codec.encode(Reserved.EXPIRED, principal)),
                removed,
                r.lastAccessTime(),
                r.idleTimeout(),
                r.expiresAt(),
                true,
                null);
        boolean expired = engine.store.apply(tombstone);
        if (expired) {
          engine.fire(
              SessionListener::invalidated,
              r.key(),
              principal,
              engine.now(),
              SessionEvent.Reason.EXPIRED);
        }
        return expired;
      }
    }
    return false;
  }

  /**
   * Tells whether a request's session is one whose login {@link #expire} ended, and whose: the
   * session is then logged out and empty, and the application may say why (Spring Security's {@code
   * ConcurrentSessionFilter} redirects to its {@code expiredUrl}). A new login on the session, or
   * its invalidation, ends the mark.
   *
   * @param current the session of the request
   * @return the principal whose login was expired; empty for any other session, and for one that
   *     was invalidated
   * @throws IllegalArgumentException if {@code current} is not a session of a {@link
   *     SessionManager}
   */
  public Optional<String> expiredPrincipal(Session current) {
    ManagedSession session = managed(current);
    if (!session.isValid() || session.principal().isPresent()) {
      return Optional.empty();
    }
    String json = session.state().attribute(Reserved.EXPIRED);
    // Marked, by a principal that does not read: expired all the same.
    return json == null ? Optional.empty() : Optional.of(text(Reserved.EXPIRED, json).orElse(""));
  }

  private boolean end(SessionKey key, String principal, SessionEvent.Reason reason) {
    boolean deleted = engine.store.delete(key);
    if (deleted) {
      engine.fire(SessionListener::invalidated, key, principal, engine.now(), reason);
    }
    return deleted;
  }

  private ManagedSession managed(Session current) {
    Objects.requireNonNull(current, "current");
    if (!(current instanceof ManagedSession session) || !session.belongsTo(engine)) {
      throw new IllegalArgumentException("not a session of this SessionManager");
    }
    return session;
  }

  private SessionInfo info(String principal, SessionRecord r, boolean current) {
    return new SessionInfo(
        r.key(),
        handles.of(principal, r.key(), seed(r)),
        r.creationTime(),
        r.lastAccessTime(),
        r.expiresAt(),
        device(r),
        current,
        attributeNames(r));
  }

  /** The names the application gave the session's attributes: all but the reserved ones. */
  private static Set<String> attributeNames(SessionRecord r) {
    Set<String> names = new HashSet<>(r.attributes().keySet());
    names.removeAll(Reserved.NAMES);
    return names;
  }

  private static String seed(SessionRecord r) {
    return r.attributes().get(Reserved.HANDLE_SEED);
  }

  private Optional<String> device(SessionRecord r) {
    String json = r.attributes().get(Reserved.DEVICE);
    return json == null ? Optional.empty() : text(Reserved.DEVICE, json);
  }

  /** A reserved attribute's text; empty when it does not read (no description, no name). */
  private Optional<String> text(String name, String json) {
    try {
      return Optional.ofNullable(engine.codec.decode(name, json, String.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
