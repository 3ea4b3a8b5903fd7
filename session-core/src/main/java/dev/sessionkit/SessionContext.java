package dev.sessionkit;

import dev.sessionkit.CommitDecision.CookieOp;
import dev.sessionkit.CommitDecision.Decision;
import dev.sessionkit.CommitDecision.State;
import dev.sessionkit.CommitDecision.StoreOp;
import dev.sessionkit.internal.CookieHeaders;
import dev.sessionkit.internal.SessionId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session of one request. Opening it costs nothing: the cookie is verified and the session
 * loaded only when the application first asks for it. {@link #commit()} writes what the request
 * changed and says which {@code Set-Cookie} to send; call it before the response is committed.
 *
 * <p>Used by the threads of one request; methods are synchronized.
 */
public final class SessionContext {

  private final Engine engine;
  private final Iterable<String> cookieHeaders;
  // The signed values given directly (a request header), or null to read them from the cookies.
  private final List<String> givenValues;
  private final boolean secureRequest;
  private final String client;

  private boolean resolved;
  private boolean clientHasCookie;
  private SessionId requestedId;
  private boolean requestedIdValid;
  private ManagedSession session;
  private boolean invalidatedThisRequest;
  private int rejectedCookies;
  // Why each rejected value was rejected, by CookieRejection ordinal; null until one is.
  private int[] rejectionReasons;

  SessionContext(
      Engine engine, Iterable<String> cookieHeaders, boolean secureRequest, String client) {
    this(engine, cookieHeaders, null, secureRequest, client);
  }

  SessionContext(
      Engine engine,
      Iterable<String> cookieHeaders,
      List<String> givenValues,
      boolean secureRequest,
      String client) {
    this.engine = engine;
    this.cookieHeaders = cookieHeaders;
    this.givenValues = givenValues;
    this.secureRequest = secureRequest;
    this.client = client;
  }

  /**
   * Returns the client's live session, loading it on first call.
   *
   * @return the session, or empty when the client has none (or it ended)
   * @throws SessionStoreException when the store fails
   */
  public synchronized Optional<Session> current() {
    resolve();
    return Optional.ofNullable(session);
  }

  /**
   * Returns the client's live session, or a new one (saved at commit when the policy says so).
   *
   * @return the session
   * @throws SessionStoreException when the store fails
   */
  public synchronized Session getOrCreate() {
    resolve();
    if (session == null) {
      SessionId id = engine.newId();
      session = ManagedSession.fresh(engine, id, engine.blankRecord(id, engine.now()));
      if (client != null) {
        session.bindTo(client);
      }
    }
    return session;
  }

  /**
   * Returns whether the request carried a session cookie that verified, whatever its session.
   *
   * @return true when the client sent a genuine session id
   * @throws SessionStoreException when the store fails
   */
  public synchronized boolean hasRequestedSessionId() {
    resolve();
    return requestedId != null;
  }

  /**
   * Returns the genuine session id the client sent, if any. A bearer credential: never log it.
   *
   * @return the raw id
   * @throws SessionStoreException when the store fails
   */
  public synchronized Optional<String> requestedSessionId() {
    resolve();
    return Optional.ofNullable(requestedId).map(SessionId::value);
  }

  /**
   * Returns whether the client's cookie names a live session that this request still uses.
   *
   * @return true while the requested session is valid
   * @throws SessionStoreException when the store fails
   */
  public synchronized boolean isRequestedSessionIdValid() {
    resolve();
    return requestedIdValid && session != null && session.state().sessionId().equals(requestedId);
  }

  /**
   * Returns how many session cookie values this request sent that gave no session (malformed,
   * forged, unknown or expired, or bound to another client), as far as the session was resolved:
   * zero when the application never asked for its session. What guessing detection counts.
   *
   * @return the number of rejected values
   */
  public synchronized int rejectedCookies() {
    return rejectedCookies;
  }

  /**
   * Returns why the values counted by {@link #rejectedCookies()} were rejected: how many for each
   * reason, in the order of {@link CookieRejection}, reasons with none left out.
   *
   * @return an unmodifiable map, empty when nothing was rejected
   */
  public synchronized Map<CookieRejection, Integer> rejections() {
    if (rejectionReasons == null) {
      return Map.of();
    }
    Map<CookieRejection, Integer> reasons = new EnumMap<>(CookieRejection.class);
    for (CookieRejection reason : CookieRejection.values()) {
      if (rejectionReasons[reason.ordinal()] > 0) {
        reasons.put(reason, rejectionReasons[reason.ordinal()]);
      }
    }
    return Collections.unmodifiableMap(reasons);
  }

  private void rejected(CookieRejection reason) {
    if (rejectionReasons == null) {
      rejectionReasons = new int[CookieRejection.values().length];
    }
    rejectionReasons[reason.ordinal()]++;
    rejectedCookies++;
  }

  /**
   * Verifies the cookie and loads the session, once. The store alone decides what is live: an
   * expired, unreadable or unknown session comes back empty and the request gets a fresh one. Later
   * calls only notice a session this request has since invalidated.
   */
  private void resolve() {
    if (resolved) {
      if (session != null && !session.isValid()) {
        // Invalidated by the application this request: the record is already deleted.
        invalidatedThisRequest = clientHasCookie;
        session = null;
      }
      return;
    }
    List<String> values =
        givenValues != null
            ? givenValues
            : CookieHeaders.values(cookieHeaders, engine.config.cookie().name());
    clientHasCookie = !values.isEmpty();
    for (String value : values) {
      Optional<Engine.Opened> opened = engine.open(value, this::rejected);
      if (opened.isEmpty()) {
        continue;
      }
      SessionId id = opened.get().id();
      if (requestedId == null) {
        requestedId = id;
      }
      if (opened.get().record().isPresent()) {
        if (engine.boundToAnotherClient(opened.get().record().get(), client, this::rejected)) {
          continue;
        }
        requestedId = id;
        requestedIdValid = true;
        session = ManagedSession.loaded(engine, id, opened.get().record().get(), engine.now());
        engine.followPrincipal(session);
        break;
      }
    }
    // Only now: a store failure above leaves the request unresolved, so a later call may retry.
    resolved = true;
  }

  /**
   * Ends the client's session whether or not it is still live (a logout): the live session, if
   * there is one, is {@link Session#invalidate() invalidated}, and whenever the client sent a
   * session cookie the next {@link #commit()} answers with a clearing {@code Set-Cookie}. So a
   * logout that lost a race to a parallel logout of the same session, and finds it gone, still
   * clears the client's cookie. A session made after this call is a new one.
   *
   * @throws SessionStoreException when the store fails
   */
  public synchronized void logout() {
    resolve();
    if (session != null) {
      session.invalidate();
      resolve();
    }
    if (clientHasCookie) {
      invalidatedThisRequest = true;
    }
  }

  /**
   * Writes what this request changed and decides the cookie. May be called more than once (for
   * example on flush, then at the end); each call writes only what changed since the last.
   *
   * @return the {@code Set-Cookie} to send, or empty for none
   * @throws SessionStoreException when the store fails
   * @throws SessionTooLargeException when a sealed session no longer fits in its cookie
   */
  public Optional<SetCookie> commit() {
    return commit(true);
  }

  /**
   * As {@link #commit()}, told whether a cookie can still reach the client. When it cannot (the
   * response has gone out), an id renewal that falls due is put off to the session's next request:
   * renewing now would leave the client with the old id only, which ends with the grace.
   *
   * @param cookieCanBeSent false once the response is committed
   * @return the {@code Set-Cookie} to send, or empty for none
   * @throws SessionStoreException when the store fails
   * @throws SessionTooLargeException when a sealed session no longer fits in its cookie
   */
  public synchronized Optional<SetCookie> commit(boolean cookieCanBeSent) {
    resolveIfAsked();
    Instant now = engine.now();
    SessionState s = session == null ? null : session.state();
    Decision decision = CommitDecision.decide(facts(s, now, cookieCanBeSent));
    if (decision.store() == StoreOp.RENEW) {
      return renew(s, now);
    }
    // The cookie value is made before anything is written, so a session too large for its cookie
    // fails without a half-done commit.
    String value =
        decision.cookie() == CookieOp.SET
            ? engine.cookieValue(s.sessionId(), s.toRecord(now))
            : null;
    boolean forwarded = s != null && s.isForwarded();
    if (s != null && !write(decision.store(), s, now)) {
      return forwarded || mayHaveBeenRenewed(s, now) ? Optional.empty() : clearing();
    }
    switch (decision.cookie()) {
      case SET:
        return setting(value, now);
      case CLEAR:
        return clearing();
      case NONE:
      default:
        return Optional.empty();
    }
  }

  /** What the commit decision reads: where the session stands, and the policy. */
  private CommitDecision.Input facts(SessionState s, Instant now, boolean cookieCanBeSent) {
    SessionConfig config = engine.config;
    State state;
    if (s == null) {
      state = invalidatedThisRequest ? State.INVALIDATED : State.UNTOUCHED;
    } else {
      state = s.isPersisted() ? State.LOADED : State.NEW;
    }
    boolean touchDue = s != null && s.isTouchDue(now, config.touchInterval());
    boolean renewalDue = cookieCanBeSent && s != null && s.isRenewalDue(engine.renewalDue(s, now));
    return new CommitDecision.Input(
        state,
        s != null && s.isModified(),
        s != null && s.replacedKey() != null,
        touchDue,
        invalidatedThisRequest,
        config.resave(),
        config.saveUninitialized(),
        config.rolling(),
        engine.cookieCarriesState(),
        s != null && s.isCookieChanged(),
        renewalDue,
        s != null && s.isForwarded());
  }

  /**
   * Moves the session to a new id, the old one forwarding to it for the renewal grace, and sets the
   * new cookie. When another request renewed it first, this request's changes are applied through
   * the old id (which forwards) and no cookie is sent: the other response carries the new one.
   */
  private Optional<SetCookie> renew(SessionState s, Instant now) {
    SessionId newId;
    try {
      newId = engine.operations.renew(s, now);
    } catch (SessionLimitExceededException e) {
      session = null;
      throw e;
    }
    if (newId == null) {
      boolean stillThere = write(StoreOp.APPLY, s, now);
      return stillThere || mayHaveBeenRenewed(s, now) ? Optional.empty() : clearing();
    }
    return setting(engine.cookieValue(newId, null), now);
  }

  /** Carries out the store half of a decision; false when the session turned out to be gone. */
  private boolean write(StoreOp op, SessionState s, Instant now) {
    boolean stillThere;
    try {
      stillThere = engine.operations.write(op, s, now);
    } catch (SessionLimitExceededException e) {
      session = null;
      throw e;
    }
    if (!stillThere) {
      session = null;
    }
    return stillThere;
  }

  /**
   * Whether a session whose write found it gone may have been renewed meanwhile by another request:
   * then the browser may already hold the new cookie, which a clearing cookie would overwrite. A
   * renewal's grace covers any request shorter than it, so only a request that has run longer may
   * find its old id ended without the session having ended.
   */
  private boolean mayHaveBeenRenewed(SessionState s, Instant now) {
    return engine.canRenew() && !now.isBefore(s.loadedAt().plus(engine.config.renewalGrace()));
  }

  private Optional<SetCookie> setting(String value, Instant now) {
    invalidatedThisRequest = false;
    clientHasCookie = true;
    return Optional.of(
        engine.sessionCookie(value, secureRequest, now, session.cookieMaxAgeOrNull()));
  }

  private Optional<SetCookie> clearing() {
    invalidatedThisRequest = false;
    clientHasCookie = false;
    return Optional.of(engine.clearingCookie(secureRequest));
  }

  /** Notices an invalidation made since the session was resolved; resolves nothing new. */
  private void resolveIfAsked() {
    if (resolved) {
      resolve();
    }
  }
}
