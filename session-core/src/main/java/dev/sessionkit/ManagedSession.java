package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
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
  private final Map<String, String> attributes;

  private final Map<String, String> setThisRequest = new HashMap<>();
  private final Set<String> removedThisRequest = new HashSet<>();
  private boolean metadataChanged;
  private boolean principalChanged;

  private boolean isNew;
  private boolean persisted;
  private SessionKey replacedKey;
  private boolean valid = true;

  private ManagedSession(Engine engine, SessionId id, SessionRecord state) {
    this.engine = engine;
    this.id = id;
    this.creationTime = state.creationTime();
    this.lastAccessTime = state.lastAccessTime();
    this.idleTimeout = state.idleTimeout();
    this.absoluteDeadline = state.absoluteDeadline();
    this.principal = state.principal();
    this.attributes = new HashMap<>(state.attributes());
  }

  static ManagedSession loaded(Engine engine, SessionId id, SessionRecord record) {
    ManagedSession s = new ManagedSession(engine, id, record);
    s.persisted = true;
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
    return id.key();
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
  public synchronized Object getUntyped(String name) {
    Objects.requireNonNull(name, "name");
    checkValid();
    String json = attributes.get(name);
    return json == null ? null : engine.codec.decodeUntyped(name, json);
  }

  @Override
  public synchronized void set(String name, Object value) {
    Objects.requireNonNull(name, "name");
    checkValid();
    if (value == null) {
      remove(name);
      return;
    }
    String json = engine.codec.encode(name, value);
    attributes.put(name, json);
    setThisRequest.put(name, json);
    removedThisRequest.remove(name);
  }

  @Override
  public synchronized void remove(String name) {
    Objects.requireNonNull(name, "name");
    checkValid();
    // Only a removal of something this request could see is recorded, so a concurrent request's
    // new attribute is not removed by a request that never knew of it.
    if (attributes.remove(name) != null) {
      setThisRequest.remove(name);
      removedThisRequest.add(name);
    }
  }

  @Override
  public synchronized Set<String> attributeNames() {
    checkValid();
    return Set.copyOf(attributes.keySet());
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
      this.principal = principal;
      this.principalChanged = true;
    }
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
    SessionKey toDelete = persisted ? (replacedKey != null ? replacedKey : id.key()) : replacedKey;
    if (toDelete != null) {
      engine.store.delete(toDelete);
      engine.fire(SessionListener::invalidated, toDelete, principal, engine.now());
    }
    // Only now: a store failure above leaves the session as it was, and the request may retry.
    valid = false;
  }

  @Override
  public synchronized void regenerate(boolean keepAttributes) {
    checkValid();
    if (persisted && replacedKey == null) {
      replacedKey = id.key();
    }
    id = engine.newId();
    if (!keepAttributes) {
      SessionRecord blank = engine.blankRecord(id, engine.now());
      attributes.clear();
      setThisRequest.clear();
      removedThisRequest.clear();
      creationTime = blank.creationTime();
      lastAccessTime = blank.lastAccessTime();
      absoluteDeadline = blank.absoluteDeadline();
      idleTimeout = blank.idleTimeout();
      principalChanged = principal != null;
      principal = null;
    }
    metadataChanged = true;
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
    return !setThisRequest.isEmpty()
        || !removedThisRequest.isEmpty()
        || metadataChanged
        || principalChanged;
  }

  synchronized boolean isRegenerated() {
    return replacedKey != null;
  }

  synchronized SessionKey replacedKey() {
    return replacedKey;
  }

  synchronized SessionRecord toRecord(Instant now) {
    return new SessionRecord(
        id.key(), creationTime, now, idleTimeout, absoluteDeadline, principal, attributes);
  }

  synchronized SessionDelta toDelta(Instant now) {
    return new SessionDelta(
        id.key(),
        setThisRequest,
        removedThisRequest,
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
    persisted = true;
    replacedKey = null;
    lastAccessTime = lastAccess;
    setThisRequest.clear();
    removedThisRequest.clear();
    metadataChanged = false;
    principalChanged = false;
  }

  /** After a write found the record gone: the session ended elsewhere. */
  synchronized void lost() {
    valid = false;
  }
}
