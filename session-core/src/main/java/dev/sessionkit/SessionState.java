package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session as a request sees it, and what the request changed: its id, times, principal and
 * attributes (as their stored JSON), the delta and renewal delta a commit writes, and where it
 * stands (new, saved, regenerated, forwarded, ended). A plain object: it calls no store, no clock
 * and no codec; whatever it needs from outside (a new id, a handle seed, the time) is handed in.
 * {@link ManagedSession} is the application's face over it; {@link SessionOperations} and {@link
 * SessionContext} carry out its store calls. Methods are synchronized, so that the threads of one
 * (async) request see one state; this lock is taken last, never held while calling out.
 */
final class SessionState {

  private SessionId id;
  private SessionTimes times;
  private String principal;
  private final AttributeChanges attributes;

  private boolean metadataChanged;
  private boolean principalChanged;
  private boolean touchRequested;
  // What the store (or the sealed cookie) holds, as far as this request knows: reload goes back
  // here.
  private SessionRecord lastPersisted;
  private boolean cookieChanged;

  private boolean isNew;
  private boolean persisted;
  private SessionKey replacedKey;
  private boolean valid = true;
  // Set when the client's id is a renewed session's old id: the record lives under this key, and
  // the cookie this request knows (the old id) must never be sent again.
  private SessionKey forwardedKey;
  private boolean renewRequested;
  private Instant loadedAt;

  private SessionState(SessionId id, SessionRecord state) {
    this.id = id;
    this.attributes = new AttributeChanges(state.attributes());
    resetTo(state);
  }

  /** A session the store (or the sealed cookie) gave this request. */
  static SessionState loaded(SessionId id, SessionRecord record, Instant now) {
    SessionState s = new SessionState(id, record);
    s.persisted = true;
    s.loadedAt = now;
    if (!record.key().equals(id.key())) {
      s.forwardedKey = record.key();
    }
    return s;
  }

  /** A session made in this request, not saved yet. */
  static SessionState fresh(SessionId id, SessionRecord blank) {
    SessionState s = new SessionState(id, blank);
    s.isNew = true;
    return s;
  }

  /** Takes the state of a record, dropping whatever this request changed. */
  private void resetTo(SessionRecord state) {
    this.times = SessionTimes.of(state);
    this.principal = state.principal();
    this.attributes.reset(state.attributes());
    this.lastPersisted = state;
  }

  synchronized void checkValid() {
    if (!valid) {
      throw new IllegalStateException("session was invalidated");
    }
  }

  synchronized boolean isValid() {
    return valid;
  }

  synchronized String id() {
    checkValid();
    return id.value();
  }

  /** The session's times: made, last used, idle timeout, absolute deadline. */
  synchronized SessionTimes times() {
    checkValid();
    return times;
  }

  synchronized boolean isNew() {
    checkValid();
    return isNew;
  }

  synchronized String principal() {
    checkValid();
    return principal;
  }

  /** An attribute's stored JSON, or null. */
  synchronized String attribute(String name) {
    checkValid();
    return attributes.get(name);
  }

  synchronized Set<String> attributeNames() {
    checkValid();
    return attributes.visibleNames(Reserved.NAMES);
  }

  /** Sets an attribute's JSON; a value equal to the one held is no change. */
  synchronized void put(String name, String json) {
    checkValid();
    attributes.put(name, json);
  }

  /**
   * Removes an attribute. Only a removal of something this request could see is recorded, so a
   * concurrent request's new attribute is not removed by a request that never knew of it.
   */
  synchronized void remove(String name) {
    checkValid();
    attributes.remove(name);
  }

  /**
   * Part of the session from the start, not a change: binding alone never makes it worth saving.
   */
  synchronized void putUnchanged(String name, String json) {
    attributes.putUnchanged(name, json);
  }

  synchronized void requestTouch() {
    checkValid();
    touchRequested = true;
  }

  /**
   * Sets the session's own cookie lifetime (its stored form); asking for the one held is no change.
   */
  synchronized void setCookieMaxAge(String json, boolean isDefault) {
    checkValid();
    String held = attributes.get(Reserved.COOKIE_MAX_AGE);
    // None held means the default.
    if (!json.equals(held) && (!isDefault || held != null)) {
      attributes.put(Reserved.COOKIE_MAX_AGE, json);
      cookieChanged = true;
    }
  }

  /**
   * Sets the principal, with the handle seed of the login (null when nobody is logged in, or no
   * handle is ever shown).
   */
  synchronized void setPrincipal(String principal, String handleSeed) {
    checkValid();
    if (java.util.Objects.equals(this.principal, principal)) {
      return;
    }
    this.principal = principal;
    this.principalChanged = true;
    if (principal != null) {
      // A new login on a session another login expired: the mark was about the old one.
      attributes.remove(Reserved.EXPIRED);
    }
    if (handleSeed == null) {
      attributes.remove(Reserved.HANDLE_SEED);
    } else {
      attributes.put(Reserved.HANDLE_SEED, handleSeed);
    }
  }

  synchronized void setIdleTimeout(Duration idleTimeout) {
    checkValid();
    if (!idleTimeout.equals(times.idleTimeout())) {
      times = times.withIdleTimeout(idleTimeout);
      metadataChanged = true;
    }
  }

  /**
   * A logged-in session that lacks a handle seed (logged in before seeds were written) gets one
   * where its key changes anyway, so its handle changes this once and then lasts.
   */
  synchronized boolean lacksHandleSeed() {
    return principal != null && attributes.get(Reserved.HANDLE_SEED) == null;
  }

  /**
   * Gives the session a new id. Without its attributes it starts over as blank (keeping only its
   * client binding) and loses its principal.
   *
   * @param blank the new session's record, or null to keep the attributes
   * @param handleSeed a seed for a logged-in session that has none, else null
   */
  synchronized void regenerate(SessionId newId, SessionRecord blank, String handleSeed) {
    checkValid();
    if (persisted && replacedKey == null) {
      replacedKey = key();
    }
    id = newId;
    forwardedKey = null;
    renewRequested = false;
    if (blank != null) {
      String client = attributes.get(Reserved.CLIENT);
      attributes.reset(client == null ? Map.of() : Map.of(Reserved.CLIENT, client));
      times = SessionTimes.of(blank);
      principalChanged = principal != null;
      principal = null;
    } else if (handleSeed != null) {
      attributes.put(Reserved.HANDLE_SEED, handleSeed);
    }
    metadataChanged = true;
  }

  /**
   * Asks this commit to renew the id with a grace for the old one; false when only a plain new id
   * will do (nothing stored to forward from, or already regenerated).
   */
  synchronized boolean requestRenewal() {
    checkValid();
    if (!persisted || replacedKey != null) {
      return false;
    }
    renewRequested = true;
    return true;
  }

  /**
   * The key whose record an invalidation deletes: the stored one (the replaced one after a
   * regeneration), or null when nothing is stored yet.
   */
  synchronized SessionKey keyToDelete() {
    checkValid();
    return persisted ? (replacedKey != null ? replacedKey : key()) : replacedKey;
  }

  /**
   * The key a reload reads, after checking that the session can be reloaded.
   *
   * @throws IllegalStateException for a new session, or one regenerated in this request
   */
  synchronized SessionKey keyToReload() {
    checkValid();
    if (!persisted) {
      throw new IllegalStateException("a new session has nothing to reload: it is not saved yet");
    }
    if (replacedKey != null) {
      throw new IllegalStateException("a regenerated session cannot be reloaded before commit");
    }
    return key();
  }

  /** What the sealed cookie held when it was last set: a sealed session's reload. */
  synchronized SessionRecord lastPersisted() {
    return lastPersisted;
  }

  /** Drops this request's changes and takes what is stored; null when it ended elsewhere. */
  synchronized void reloaded(SessionRecord current) {
    attributes.clearChanges();
    metadataChanged = false;
    principalChanged = false;
    touchRequested = false;
    cookieChanged = false;
    if (current == null) {
      // Ended elsewhere (logout in another tab): this request sees it end too.
      ended();
      return;
    }
    resetTo(current);
  }

  synchronized SessionId sessionId() {
    return id;
  }

  synchronized SessionKey key() {
    return forwardedKey != null ? forwardedKey : id.key();
  }

  /** When this request loaded the session; for a new one, when it was made. */
  synchronized Instant loadedAt() {
    return loadedAt != null ? loadedAt : times.creationTime();
  }

  /** The principal as it stands, without the validity check. */
  synchronized String principalOrNull() {
    return principal;
  }

  /** Whether the client reached this session through a renewed session's old id. */
  synchronized boolean isForwarded() {
    return forwardedKey != null;
  }

  /** An attribute's stored JSON without the validity check (the commit's own reads). */
  synchronized String stored(String name) {
    return attributes.get(name);
  }

  /** The principal this commit's write gives the session, if it gives one. */
  synchronized String principalBeingSet() {
    return principalChanged ? principal : null;
  }

  synchronized boolean isPersisted() {
    return persisted;
  }

  synchronized boolean isModified() {
    return attributes.isChanged() || metadataChanged || principalChanged;
  }

  synchronized SessionKey replacedKey() {
    return replacedKey;
  }

  /** Whether a touch is asked for, or the touch interval has passed since the stored access. */
  synchronized boolean isTouchDue(Instant now, Duration touchInterval) {
    return touchRequested || !now.isBefore(times.lastAccessTime().plus(touchInterval));
  }

  /** Whether the cookie's own attributes changed, so that it must be sent again. */
  synchronized boolean isCookieChanged() {
    return cookieChanged;
  }

  /**
   * Whether this commit should move the session to a new id with a grace for the old one.
   *
   * @param intervalPassed whether the renewal interval has passed since {@link #renewedAt()}
   */
  synchronized boolean isRenewalDue(boolean intervalPassed) {
    if (!persisted || replacedKey != null || forwardedKey != null) {
      return false;
    }
    return renewRequested || intervalPassed;
  }

  /** When the session got its current id. */
  synchronized Instant renewedAt() {
    return Reserved.renewedAt(attributes.get(Reserved.RENEWED), times.creationTime());
  }

  synchronized SessionRecord toRecord(Instant now) {
    return new SessionRecord(
        key(),
        times.creationTime(),
        now,
        times.idleTimeout(),
        times.absoluteDeadline(),
        principal,
        attributes.all());
  }

  synchronized SessionDelta toDelta(Instant now) {
    return delta(key(), attributes.setThisRequest(), now);
  }

  /**
   * This request's changes, keyed by the new id, with the renewal recorded.
   *
   * @param handleSeed a seed for a logged-in session that has none, else null
   */
  synchronized SessionDelta renewalDelta(SessionId newId, Instant now, String handleSeed) {
    Map<String, String> set = new HashMap<>(attributes.setThisRequest());
    set.put(Reserved.RENEWED, Reserved.encodeRenewed(now, key()));
    if (handleSeed != null) {
      set.put(Reserved.HANDLE_SEED, handleSeed);
    }
    return delta(newId.key(), set, now);
  }

  private SessionDelta delta(SessionKey key, Map<String, String> set, Instant now) {
    return new SessionDelta(
        key,
        set,
        attributes.removedThisRequest(),
        now,
        times.idleTimeout(),
        times.expiresAt(now),
        principalChanged,
        principal);
  }

  synchronized Instant expiresAt(Instant lastAccess) {
    return times.expiresAt(lastAccess);
  }

  /** After a renewal: the session lives under the new id, with what the renewal wrote. */
  synchronized void renewed(SessionId newId, SessionDelta written) {
    id = newId;
    forwardedKey = null;
    renewRequested = false;
    for (String name : List.of(Reserved.RENEWED, Reserved.HANDLE_SEED)) {
      String json = written.set().get(name);
      if (json != null) {
        attributes.putUnchanged(name, json);
      }
    }
  }

  /** After a renewal lost to another request's: this request reaches the session as forwarded. */
  synchronized void renewedElsewhere() {
    renewRequested = false;
    forwardedKey = id.key();
  }

  /**
   * After a successful write: the store now holds what this object holds.
   *
   * @param keepRecord whether to remember the written record (a sealed cookie's reload goes back to
   *     it)
   */
  synchronized void committed(Instant lastAccess, boolean keepRecord) {
    if (keepRecord) {
      lastPersisted = toRecord(lastAccess);
    }
    persisted = true;
    replacedKey = null;
    times = times.withLastAccess(lastAccess);
    attributes.clearChanges();
    metadataChanged = false;
    principalChanged = false;
    touchRequested = false;
    cookieChanged = false;
  }

  /**
   * The session is over for this request: invalidated, or a write found the record gone, or the cap
   * refused it.
   */
  synchronized void ended() {
    valid = false;
  }
}
