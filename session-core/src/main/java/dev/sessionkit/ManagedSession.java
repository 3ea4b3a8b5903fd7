package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's {@link Session}: the application's face over one request's {@link SessionState}. It
 * checks arguments, turns values into their stored JSON and back, and hands the immediate
 * operations (invalidate, reload, the cap's check at login) to the engine's {@link
 * SessionOperations}, the path a commit takes too; it calls no store itself. Thread-safe as its
 * state is.
 */
final class ManagedSession implements Session {

  private final Engine engine;
  private final SessionState state;

  private ManagedSession(Engine engine, SessionState state) {
    this.engine = engine;
    this.state = state;
  }

  static ManagedSession loaded(Engine engine, SessionId id, SessionRecord record, Instant now) {
    return new ManagedSession(engine, SessionState.loaded(id, record, now));
  }

  static ManagedSession fresh(Engine engine, SessionId id, SessionRecord blank) {
    return new ManagedSession(engine, SessionState.fresh(id, blank));
  }

  /** The state this face shows; what the commit reads and writes. */
  SessionState state() {
    return state;
  }

  /** Whether this session was opened by that engine. */
  boolean belongsTo(Engine engine) {
    return this.engine == engine;
  }

  @Override
  public String id() {
    return state.id();
  }

  @Override
  public Instant creationTime() {
    return state.times().creationTime();
  }

  @Override
  public Instant lastAccessTime() {
    return state.times().lastAccessTime();
  }

  @Override
  public boolean isNew() {
    return state.isNew();
  }

  @Override
  public <T> Optional<T> get(String name, Class<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    String json = state.attribute(name);
    return json == null
        ? Optional.empty()
        : Optional.ofNullable(engine.codec.<T>read(name, json, type));
  }

  @Override
  public <T> Optional<T> get(String name, TypeRef<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    String json = state.attribute(name);
    return json == null
        ? Optional.empty()
        : Optional.ofNullable(engine.codec.<T>read(name, json, type.type()));
  }

  @Override
  public Object getUntyped(String name) {
    Objects.requireNonNull(name, "name");
    String json = state.attribute(name);
    return json == null ? null : engine.codec.decodeUntyped(name, json);
  }

  @Override
  public void set(String name, Object value) {
    Reserved.checkName(name);
    state.checkValid();
    if (value == null) {
      state.remove(name);
      return;
    }
    put(name, engine.codec.encode(name, value));
  }

  @Override
  public void setUntyped(String name, Object value) {
    Reserved.checkName(name);
    state.checkValid();
    if (value == null) {
      state.remove(name);
      return;
    }
    put(name, engine.codec.encodeUntyped(name, value));
  }

  private void put(String name, String json) {
    engine.dialect.checkName(name);
    state.put(name, json);
  }

  @Override
  public void remove(String name) {
    Reserved.checkName(name);
    state.remove(name);
  }

  @Override
  public Set<String> attributeNames() {
    return state.attributeNames();
  }

  /** Records the client a new session is made for (client binding). */
  void bindTo(String client) {
    state.putUnchanged(Reserved.CLIENT, engine.codec.encode(Reserved.CLIENT, client));
  }

  @Override
  public Optional<String> client() {
    return reservedText(Reserved.CLIENT);
  }

  @Override
  public void setDevice(String description) {
    state.checkValid();
    if (description == null) {
      state.remove(Reserved.DEVICE);
      return;
    }
    if (description.length() > 200) {
      throw new IllegalArgumentException("a device description is at most 200 characters");
    }
    put(Reserved.DEVICE, engine.codec.encode(Reserved.DEVICE, description));
  }

  @Override
  public Optional<String> device() {
    return reservedText(Reserved.DEVICE);
  }

  private Optional<String> reservedText(String name) {
    String json = state.attribute(name);
    return json == null
        ? Optional.empty()
        : Optional.of(engine.codec.decode(name, json, String.class));
  }

  @Override
  public void touch() {
    state.requestTouch();
  }

  @Override
  public void setCookieMaxAge(Duration maxAge) {
    state.checkValid();
    if (maxAge != null
        && (maxAge.isNegative()
            || maxAge.isZero()
            || maxAge.compareTo(CookieSettings.MAX_MAX_AGE) > 0)) {
      throw new IllegalArgumentException(
          "cookie maxAge must be positive and at most 400 days: " + maxAge);
    }
    // Kept as a reserved attribute, so every store (and the sealed cookie) carries it unchanged.
    state.setCookieMaxAge(Reserved.encodeCookieMaxAge(maxAge), maxAge == null);
  }

  @Override
  public Optional<Duration> cookieMaxAge() {
    state.checkValid();
    return Optional.ofNullable(cookieMaxAgeOrNull());
  }

  /** The Max-Age to send: this session's own, else the cookie settings'. */
  Duration cookieMaxAgeOrNull() {
    return Reserved.cookieMaxAge(
        state.stored(Reserved.COOKIE_MAX_AGE), engine.config.cookie().maxAge().orElse(null));
  }

  @Override
  public Optional<String> principal() {
    return Optional.ofNullable(state.principal());
  }

  @Override
  public void setPrincipal(String principal) {
    if (!Objects.equals(state.principal(), principal)) {
      // A login the cap would refuse is refused here, where the application can answer it; the
      // store enforces the cap exactly when the session is written.
      engine.operations.checkRoomFor(principal);
      // A login gets a handle of its own, made here once so that renewals keep it; a session
      // nobody is logged in to keeps none.
      state.setPrincipal(principal, principal == null ? null : engine.newHandleSeed());
    }
  }

  @Override
  public Duration idleTimeout() {
    return state.times().idleTimeout();
  }

  @Override
  public void setIdleTimeout(Duration idleTimeout) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    state.checkValid();
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    state.setIdleTimeout(idleTimeout);
  }

  @Override
  public void setIdleTimeoutToAbsolute() {
    state.setIdleTimeout(state.times().untilAbsolute());
  }

  @Override
  public Instant idleDeadline() {
    return state.times().idleDeadline();
  }

  @Override
  public Optional<Instant> absoluteDeadline() {
    return Optional.ofNullable(state.times().absoluteDeadline());
  }

  @Override
  public void invalidate() {
    engine.operations.invalidate(state);
  }

  @Override
  public void regenerate(boolean keepAttributes) {
    state.checkValid();
    SessionId id = engine.newId();
    if (keepAttributes) {
      state.regenerate(id, null, state.lacksHandleSeed() ? engine.newHandleSeed() : null);
    } else {
      state.regenerate(id, engine.blankRecord(id, engine.now()), null);
    }
  }

  @Override
  public void renew() {
    state.checkValid();
    // Without a store that forwards the old id, or with nothing stored yet: a plain new id.
    if (!engine.canRenew() || !state.requestRenewal()) {
      regenerate(true);
    }
  }

  @Override
  public void reload() {
    engine.operations.reload(state);
  }

  @Override
  public boolean isValid() {
    return state.isValid();
  }
}
