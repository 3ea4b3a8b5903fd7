package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's {@link Session}: the current view of one session plus the delta this request made.
 * Methods are synchronized so that the threads of one (async) request see one state.
 */
final class ManagedSession implements Session {

  private final Engine engine;

  private SessionId id;
  private Instant creationTime;
  private Instant lastAccessTime;
  private Duration idleTimeout;
  private Instant absoluteDeadline;
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

  private ManagedSession(Engine engine, SessionId id, SessionRecord state) {
    this.engine = engine;
    this.id = id;
    this.attributes = new AttributeChanges(state.attributes());
    resetTo(state);
  }

  /** Takes the state of a record, dropping whatever this request changed. */
  private void resetTo(SessionRecord state) {
    this.creationTime = state.creationTime();
    this.lastAccessTime = state.lastAccessTime();
    this.idleTimeout = state.idleTimeout();
    this.absoluteDeadline = state.absoluteDeadline();
    this.principal = state.principal();
    this.attributes.reset(state.attributes());
    this.lastPersisted = state;
  }

  static ManagedSession loaded(Engine engine, SessionId id, SessionRecord record, Instant now) {
    ManagedSession s = new ManagedSession(engine, id, record);
    s.persisted = true;
    s.loadedAt = now;
    if (!record.key().equals(id.key())) {
      s.forwardedKey = record.key();
    }
    return s;
  }

  static ManagedSession fresh(Engine engine, SessionId id, SessionRecord blank) {
    ManagedSession s = new ManagedSession(engine, id, blank);
    s.isNew = true;
    return s;
  }

  @Override
  public synchronized String id() {
    checkValid();
    return id.value();
  }

  synchronized SessionId sessionId() {
    return id;
  }

  synchronized SessionKey key() {
    return forwardedKey != null ? forwardedKey : id.key();
  }

  /** When this request loaded the session; for a new one, when it was made. */
  synchronized Instant loadedAt() {
    return loadedAt != null ? loadedAt : creationTime;
  }

  /** The principal as it stands, without the validity check. */
  synchronized String principalOrNull() {
    return principal;
  }

  /** Whether the client reached this session through a renewed session's old id. */
  synchronized boolean isForwarded() {
    return forwardedKey != null;
  }

  @Override
  public synchronized Instant creationTime() {
    checkValid();
    return creationTime;
  }

  @Override
  public synchronized Instant lastAccessTime() {
    checkValid();
    return lastAccessTime;
  }

  @Override
  public synchronized boolean isNew() {
    checkValid();
    return isNew;
  }

  @Override
  public synchronized <T> Optional<T> get(String name, Class<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    checkValid();
    String json = attributes.get(name);
    return json == null
        ? Optional.empty()
        : Optional.ofNullable(engine.codec.decode(name, json, type));
  }

  @Override
  public synchronized <T> Optional<T> get(String name, TypeRef<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    checkValid();
    String json = attributes.get(name);
    return json == null
        ? Optional.empty()
        : Optional.ofNullable(engine.codec.<T>decode(name, json, type.type()));
  }

  @Override
  public synchronized Object getUntyped(String name) {
    Objects.requireNonNull(name, "name");
    checkValid();
    String json = attributes.get(name);
    return json == null ? null : engine.codec.decodeUntyped(name, json);
  }

  @Override
  public synchronized void set(String name, Object value) {
    Reserved.checkName(name);
    checkValid();
    if (value == null) {
      remove(name);
      return;
    }
    put(name, engine.codec.encode(name, value));
  }

  @Override
  public synchronized void setUntyped(String name, Object value) {
    Reserved.checkName(name);
    checkValid();
    if (value == null) {
      remove(name);
      return;
    }
    put(name, engine.codec.encodeUntyped(name, value));
  }

  private void put(String name, String json) {
    engine.dialect.checkName(name);
    attributes.put(name, json);
  }

  @Override
  public synchronized void remove(String name) {
    Reserved.checkName(name);
    checkValid();
    removeAttribute(name);
  }

  private void removeAttribute(String name) {
    // Only a removal of something this request could see is recorded, so a concurrent request's
    // new attribute is not removed by a request that never knew of it.
    attributes.remove(name);
  }

  @Override
  public synchronized Set<String> attributeNames() {
    checkValid();
    return attributes.visibleNames(Reserved.NAMES);
  }

  /**
   * Records the client a new session is made for (client binding). Part of the session from the
   * start, not a change of this request: binding alone never makes a session worth saving.
   */
  synchronized void bindTo(String client) {
    attributes.putUnchanged(Reserved.CLIENT, engine.codec.encode(Reserved.CLIENT, client));
  }

  @Override
  public synchronized Optional<String> client() {
    checkValid();
    String json = attributes.get(Reserved.CLIENT);
    return json == null
        ? Optional.empty()
        : Optional.of(engine.codec.decode(Reserved.CLIENT, json, String.class));
  }

  @Override
  public synchronized void setDevice(String description) {
    checkValid();
    if (description == null) {
      removeAttribute(Reserved.DEVICE);
      return;
    }
    if (description.length() > 200) {
      throw new IllegalArgumentException("a device description is at most 200 characters");
    }
    put(Reserved.DEVICE, engine.codec.encode(Reserved.DEVICE, description));
  }

  @Override
  public synchronized Optional<String> device() {
    checkValid();
    String json = attributes.get(Reserved.DEVICE);
    return json == null
        ? Optional.empty()
        : Optional.of(engine.codec.decode(Reserved.DEVICE, json, String.class));
  }

  /** Whether this session was opened by that engine. */
  boolean belongsTo(Engine engine) {
    return this.engine == engine;
  }

  @Override
  public synchronized void touch() {
    checkValid();
    touchRequested = true;
  }

  @Override
  public synchronized void setCookieMaxAge(Duration maxAge) {
    checkValid();
    if (maxAge != null
        && (maxAge.isNegative()
            || maxAge.isZero()
            || maxAge.compareTo(CookieSettings.MAX_MAX_AGE) > 0)) {
      throw new IllegalArgumentException(
          "cookie maxAge must be positive and at most 400 days: " + maxAge);
    }
    // Kept as a reserved attribute, so every store (and the sealed cookie) carries it unchanged.
    String json = Reserved.encodeCookieMaxAge(maxAge);
    String held = attributes.get(Reserved.COOKIE_MAX_AGE);
    // Asking for the lifetime the session already has is no change (none held means the default).
    if (!json.equals(held) && (maxAge != null || held != null)) {
      put(Reserved.COOKIE_MAX_AGE, json);
      cookieChanged = true;
    }
  }

  @Override
  public synchronized Optional<Duration> cookieMaxAge() {
    checkValid();
    return Optional.ofNullable(cookieMaxAgeOrNull());
  }

  /** The Max-Age to send: this session's own, else the cookie settings'. */
  synchronized Duration cookieMaxAgeOrNull() {
    return Reserved.cookieMaxAge(
        attributes.get(Reserved.COOKIE_MAX_AGE), engine.config.cookie().maxAge().orElse(null));
  }

  @Override
  public synchronized Optional<String> principal() {
    checkValid();
    return Optional.ofNullable(principal);
  }

  @Override
  public synchronized void setPrincipal(String principal) {
    checkValid();
    if (!Objects.equals(this.principal, principal)) {
      // A login the cap would refuse is refused here, where the application can answer it; the
      // store enforces the cap exactly when the session is written.
      engine.checkRoomFor(principal);
      this.principal = principal;
      this.principalChanged = true;
      // A login gets a handle of its own, made here once so that renewals keep it; a session
      // nobody is logged in to keeps none.
      String seed = principal == null ? null : engine.newHandleSeed();
      if (seed == null) {
        removeAttribute(Reserved.HANDLE_SEED);
      } else {
        put(Reserved.HANDLE_SEED, seed);
      }
    }
  }

  /** The stored handle seed of this session, if it has one ({@link SessionHandles}). */
  synchronized String handleSeed() {
    return attributes.get(Reserved.HANDLE_SEED);
  }

  /**
   * A handle seed for a logged-in session that lacks one (logged in before seeds were written),
   * given where its key changes anyway, so its handle changes this once and then lasts; else null.
   */
  private String missingHandleSeed() {
    return principal == null || attributes.get(Reserved.HANDLE_SEED) != null
        ? null
        : engine.newHandleSeed();
  }

  /** The principal this commit's write gives the session, if it gives one. */
  synchronized String principalBeingSet() {
    return principalChanged ? principal : null;
  }

  @Override
  public synchronized Duration idleTimeout() {
    checkValid();
    return idleTimeout;
  }

  @Override
  public synchronized void setIdleTimeout(Duration idleTimeout) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    checkValid();
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    if (!idleTimeout.equals(this.idleTimeout)) {
      this.idleTimeout = idleTimeout;
      this.metadataChanged = true;
    }
  }

  @Override
  public synchronized void setIdleTimeoutToAbsolute() {
    checkValid();
    if (absoluteDeadline == null) {
      throw new IllegalStateException(
          "a session without an absolute timeout must have an idle timeout");
    }
    Duration untilAbsolute = Duration.between(lastAccessTime, absoluteDeadline);
    setIdleTimeout(
        untilAbsolute.isNegative() || untilAbsolute.isZero()
            ? Duration.ofMillis(1)
            : untilAbsolute);
  }

  @Override
  public synchronized Instant idleDeadline() {
    checkValid();
    return lastAccessTime.plus(idleTimeout);
  }

  @Override
  public synchronized Optional<Instant> absoluteDeadline() {
    checkValid();
    return Optional.ofNullable(absoluteDeadline);
  }

  @Override
  public synchronized void invalidate() {
    checkValid();
    SessionKey toDelete = persisted ? (replacedKey != null ? replacedKey : key()) : replacedKey;
    if (toDelete != null) {
      engine.store.delete(toDelete);
      engine.fire(
          SessionListener::invalidated,
          toDelete,
          principal,
          engine.now(),
          SessionEvent.Reason.LOGOUT);
    }
    // Only now: a store failure above leaves the session as it was, and the request may retry.
    valid = false;
  }

  @Override
  public synchronized void regenerate(boolean keepAttributes) {
    checkValid();
    if (persisted && replacedKey == null) {
      replacedKey = key();
    }
    id = engine.newId();
    forwardedKey = null;
    renewRequested = false;
    if (!keepAttributes) {
      SessionRecord blank = engine.blankRecord(id, engine.now());
      String client = attributes.get(Reserved.CLIENT);
      attributes.reset(client == null ? Map.of() : Map.of(Reserved.CLIENT, client));
      creationTime = blank.creationTime();
      lastAccessTime = blank.lastAccessTime();
      absoluteDeadline = blank.absoluteDeadline();
      idleTimeout = blank.idleTimeout();
      principalChanged = principal != null;
      principal = null;
    } else {
      String seed = missingHandleSeed();
      if (seed != null) {
        put(Reserved.HANDLE_SEED, seed);
      }
    }
    metadataChanged = true;
  }

  @Override
  public synchronized void renew() {
    checkValid();
    if (!persisted || replacedKey != null || !engine.canRenew()) {
      // Nothing stored to forward from, or nothing on the server could forward: a plain new id.
      regenerate(true);
      return;
    }
    renewRequested = true;
  }

  /** Whether this commit should move the session to a new id with a grace for the old one. */
  synchronized boolean isRenewalDue(Instant now) {
    if (!persisted || replacedKey != null || forwardedKey != null) {
      return false;
    }
    return renewRequested
        || engine.renewalDue(
            Reserved.renewedAt(attributes.get(Reserved.RENEWED), creationTime), now);
  }

  /** This request's changes, keyed by the new id, with the renewal recorded. */
  synchronized SessionDelta renewalDelta(SessionId newId, Instant now) {
    java.util.Map<String, String> set = new java.util.HashMap<>(attributes.setThisRequest());
    set.put(Reserved.RENEWED, Reserved.encodeRenewed(now, key()));
    String seed = missingHandleSeed();
    if (seed != null) {
      set.put(Reserved.HANDLE_SEED, seed);
    }
    return new SessionDelta(
        newId.key(),
        set,
        attributes.removedThisRequest(),
        now,
        idleTimeout,
        SessionRecord.expiresAt(now, idleTimeout, absoluteDeadline),
        principalChanged,
        principal);
  }

  /** After a renewal: the session lives under the new id, with what the renewal wrote. */
  synchronized void renewed(SessionId newId, SessionDelta written) {
    id = newId;
    forwardedKey = null;
    renewRequested = false;
    for (String name : java.util.List.of(Reserved.RENEWED, Reserved.HANDLE_SEED)) {
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

  @Override
  public synchronized void reload() {
    checkValid();
    if (!persisted) {
      throw new IllegalStateException("a new session has nothing to reload: it is not saved yet");
    }
    if (replacedKey != null) {
      throw new IllegalStateException("a regenerated session cannot be reloaded before commit");
    }
    SessionRecord current;
    if (engine.cookieCarriesState()) {
      current = lastPersisted;
    } else {
      // The store alone says what is live; a record for another key is never taken.
      SessionKey key = key();
      current = engine.store.load(key).filter(r -> r.key().equals(key)).orElse(null);
    }
    attributes.clearChanges();
    metadataChanged = false;
    principalChanged = false;
    touchRequested = false;
    cookieChanged = false;
    if (current == null) {
      // Ended elsewhere (logout in another tab): this request sees it end too.
      valid = false;
      return;
    }
    resetTo(current);
  }

  @Override
  public synchronized boolean isValid() {
    return valid;
  }

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException("session was invalidated");
    }
  }

  // ---- what the commit reads and writes; called by SessionContext under this lock ----

  synchronized boolean isPersisted() {
    return persisted;
  }

  synchronized boolean isModified() {
    return attributes.isChanged() || metadataChanged || principalChanged;
  }

  synchronized boolean isRegenerated() {
    return replacedKey != null;
  }

  synchronized SessionKey replacedKey() {
    return replacedKey;
  }

  synchronized SessionRecord toRecord(Instant now) {
    return new SessionRecord(
        key(), creationTime, now, idleTimeout, absoluteDeadline, principal, attributes.all());
  }

  synchronized SessionDelta toDelta(Instant now) {
    return new SessionDelta(
        key(),
        attributes.setThisRequest(),
        attributes.removedThisRequest(),
        now,
        idleTimeout,
        SessionRecord.expiresAt(now, idleTimeout, absoluteDeadline),
        principalChanged,
        principal);
  }

  synchronized Instant expiresAt(Instant lastAccess) {
    return SessionRecord.expiresAt(lastAccess, idleTimeout, absoluteDeadline);
  }

  synchronized Instant persistedLastAccess() {
    return lastAccessTime;
  }

  /** After a successful write: the store now holds what this object holds. */
  synchronized void committed(Instant lastAccess) {
    if (engine.cookieCarriesState()) {
      lastPersisted = toRecord(lastAccess);
    }
    persisted = true;
    replacedKey = null;
    lastAccessTime = lastAccess;
    attributes.clearChanges();
    metadataChanged = false;
    principalChanged = false;
    touchRequested = false;
    cookieChanged = false;
  }

  synchronized boolean isTouchRequested() {
    return touchRequested;
  }

  /** Whether the cookie's own attributes changed, so that it must be sent again. */
  synchronized boolean isCookieChanged() {
    return cookieChanged;
  }

  /** After a write found the record gone: the session ended elsewhere. */
  synchronized void lost() {
    valid = false;
  }
}
