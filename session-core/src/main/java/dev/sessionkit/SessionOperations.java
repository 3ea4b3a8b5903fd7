package dev.sessionkit;

import dev.sessionkit.CommitDecision.StoreOp;
import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * What a session's state asks of the store, carried out: a commit's write (create, apply, touch,
 * renew) and the immediate operations an application may call mid-request (invalidate, reload, the
 * cap's early check on login). Every call goes through the engine's {@link StoreCalls}; the state
 * ({@link SessionState}) only records what was done. One per engine; stateless and thread-safe.
 */
final class SessionOperations {

  private final Engine engine;

  SessionOperations(Engine engine) {
    this.engine = engine;
  }

  /**
   * Carries out the store half of a commit decision.
   *
   * @return false when the session turned out to be gone (deleted or expired meanwhile)
   * @throws SessionLimitExceededException when the cap refused a login after the write (the store
   *     has removed what was written)
   */
  boolean write(StoreOp op, SessionState s, Instant now) {
    boolean ok = true;
    String loggingIn = s.principalBeingSet();
    switch (op) {
      case CREATE:
        boolean isNew = !s.isPersisted();
        SessionKey replaced = s.replacedKey();
        SessionRecord record = s.toRecord(now);
        engine.store.create(record);
        if (replaced != null) {
          // Create first, then delete: a failure in between never loses the session.
          engine.store.delete(replaced);
        }
        if (isNew) {
          engine.fire(SessionListener::created, record.key(), record.principal(), now);
        } else if (replaced != null) {
          engine.fire((l, e) -> l.regenerated(e, replaced), record.key(), record.principal(), now);
        }
        break;
      case APPLY:
        ok = engine.store.apply(s.toDelta(now));
        break;
      case TOUCH:
        ok = engine.store.touch(s.key(), now, s.expiresAt(now));
        break;
      case NONE:
      default:
        return true;
    }
    if (ok) {
      // Refused under the cap after a parallel login won the last place: the store has removed
      // what was just written.
      admitOrFail(loggingIn, s.key(), s);
      s.committed(now, engine.cookieCarriesState());
    } else {
      // Deleted or expired meanwhile (logout in another tab): never resurrect it.
      s.ended();
    }
    return ok;
  }

  /**
   * Moves the session to a new id, the old one forwarding to it for the renewal grace.
   *
   * @return the new id, or null when another request renewed it first (this request then reaches it
   *     as forwarded, through the old id)
   * @throws SessionLimitExceededException when the cap refused a login the renewal wrote
   */
  SessionId renew(SessionState s, Instant now) {
    SessionKey from = s.key();
    SessionId newId = engine.newId();
    SessionDelta delta =
        s.renewalDelta(newId, now, s.lacksHandleSeed() ? engine.newHandleSeed() : null);
    if (!engine.store.renew(from, delta, now.plus(engine.config.renewalGrace()))) {
      s.renewedElsewhere();
      return null;
    }
    s.renewed(newId, delta);
    String principal = s.principalBeingSet();
    s.committed(now, engine.cookieCarriesState());
    engine.fire(
        (l, e) -> l.regenerated(e, from),
        newId.key(),
        s.principalOrNull(),
        now,
        SessionEvent.Reason.RENEWED);
    admitOrFail(principal, newId.key(), s);
    return newId;
  }

  /** Ends a session now: its stored record is deleted, and the listener hears a logout. */
  void invalidate(SessionState s) {
    SessionKey toDelete = s.keyToDelete();
    if (toDelete != null) {
      engine.store.delete(toDelete);
      engine.fire(
          SessionListener::invalidated,
          toDelete,
          s.principalOrNull(),
          engine.now(),
          SessionEvent.Reason.LOGOUT);
    }
    // Only now: a store failure above leaves the session as it was, and the request may retry.
    s.ended();
  }

  /** Drops this request's changes and reads the session again; it ends if it ended elsewhere. */
  void reload(SessionState s) {
    SessionKey key = s.keyToReload();
    SessionRecord current;
    if (engine.cookieCarriesState()) {
      current = s.lastPersisted();
    } else {
      // The store alone says what is live; a record for another key is never taken.
      current = engine.store.load(key).filter(r -> r.key().equals(key)).orElse(null);
    }
    s.reloaded(current);
  }

  /**
   * Refuses a login early when the cap's policy refuses and the principal is already at the cap.
   * Not atomic: {@link #admitOrFail} after the write is what holds the cap exactly.
   *
   * @throws SessionLimitExceededException when the principal has no room left
   */
  void checkRoomFor(String principal) {
    OptionalInt max = engine.config.maxSessionsPerPrincipal();
    if (max.isEmpty()
        || principal == null
        || engine.config.capPolicy() != SessionCapPolicy.REFUSE) {
      return;
    }
    if (engine.store.findByPrincipal(principal).size() >= max.getAsInt()) {
      throw new SessionLimitExceededException(max.getAsInt());
    }
  }

  /**
   * Holds the cap after a session was written with a principal: the store ends the principal's
   * least recently used other sessions over the cap, or, when the policy refuses, the newcomer. The
   * sessions ended for it, a refused newcomer included, hear {@code invalidated} with {@link
   * SessionEvent.Reason#CAP_EXCEEDED}.
   *
   * @throws SessionLimitExceededException when the newcomer was refused (and removed)
   */
  private void admitOrFail(String principal, SessionKey newcomer, SessionState s) {
    OptionalInt max = engine.config.maxSessionsPerPrincipal();
    if (principal == null || max.isEmpty()) {
      return;
    }
    PrincipalSessions.Admission admission =
        engine.store.admit(
            principal,
            newcomer,
            max.getAsInt(),
            engine.config.capPolicy() == SessionCapPolicy.END_OLDEST);
    Instant now = engine.now();
    for (SessionRecord ended : admission.ended()) {
      // A refused newcomer was written (and heard as created) before the store removed it.
      if (!ended.key().equals(newcomer) || !admission.admitted()) {
        engine.fire(
            SessionListener::invalidated,
            ended.key(),
            ended.principal(),
            now,
            SessionEvent.Reason.CAP_EXCEEDED);
      }
    }
    if (!admission.admitted()) {
      s.ended();
      throw new SessionLimitExceededException(max.getAsInt());
    }
  }
}
