package dev.sessionkit;

import dev.sessionkit.internal.AttributeCodec;
import dev.sessionkit.internal.IdSigner;
import dev.sessionkit.internal.SessionId;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Everything a request's {@link SessionContext} works with, in one place: the settings, the
 * attribute codec, the clock, the listener, how a cookie names a session, and where sessions live.
 * One per {@link SessionManager}; immutable and thread-safe.
 *
 * <p>Two modes: signed ids naming records in a {@link SessionStore}, or sealed cookies that carry
 * the whole session (then the store behind {@link #store} is {@link NoStore}, whose writes do
 * nothing, because the cookie set at commit is the write). The store is reached only through {@link
 * StoreCalls}; the session cookie is built only by {@link #sessionCookie} and {@link
 * #clearingCookie}.
 */
final class Engine {
  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  /**
   * A cookie value that verified: the id it names and the session it leads to, if still live;
   * {@code forwarded} when the id is a renewed session's old id, in its grace window.
   */
  record Opened(SessionId id, Optional<SessionRecord> record, boolean forwarded) {}

  final SessionConfig config;

  /** What the cookie format decides: the id's signature, reserved names, cookie attributes. */
  final CookieDialect dialect;

  final AttributeCodec codec;

  /** The store and its capabilities, every call timed: the engine's only way to them. */
  final StoreCalls store;

  /** What sessions ask of the store (commit's writes, invalidate, reload, the cap). */
  final SessionOperations operations;

  /** How often a session gets a new id: null when never (renewal off, or the store cannot). */
  private final Duration renewalInterval;

  final Clock clock;
  private final SessionListeners listeners;
  private final IdSigner signer;
  private final SealedCookie sealed;
  // Whether the store keys records by the raw id (express-compatible layouts).
  private final boolean rawKeys;
  private final java.util.concurrent.atomic.AtomicBoolean badSignatureLogged =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Engine(
      SessionConfig config, SessionStore store, SealedCookie sealed, SessionListeners listeners) {
    this.config = config;
    this.dialect = CookieDialect.of(config.cookieFormat());
    this.codec =
        new AttributeCodec(
            config.jsonMapper(),
            config.attributeTypes(),
            config.typeAliases(),
            config.hasDefaultJsonMapper(),
            dialect.typeTags());
    this.store = new StoreCalls(store, config.listener());
    this.operations = new SessionOperations(this);
    this.renewalInterval = this.store.canRenew() ? config.renewalInterval().orElse(null) : null;
    this.clock = config.clock();
    this.listeners = listeners;
    this.signer = sealed == null ? dialect.signer(config.keyRing(), config.cookie().name()) : null;
    this.sealed = sealed;
    this.rawKeys = store.keysByRawId();
  }

  static Engine signed(SessionConfig config, SessionStore store, SessionListeners listeners) {
    return new Engine(config, store, null, listeners);
  }

  static Engine sealed(SessionConfig config, SessionListeners listeners) {
    return new Engine(config, NoStore.INSTANCE, new SealedCookie(config), listeners);
  }

  /** Everyone who hears this engine's events: the configured listener and those added since. */
  SessionListeners listeners() {
    return listeners;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * Verifies a cookie value, once, and finds the session it names. The store (or the sealed cookie)
   * alone decides whether that session is live.
   *
   * @param rejections hears the reason when the value gives no session
   * @return empty for a value that does not verify
   */
  Optional<Opened> open(String cookieValue, Consumer<CookieRejection> rejections) {
    if (sealed != null) {
      Optional<Opened> opened = sealed.open(cookieValue, now());
      if (opened.isEmpty()) {
        // A sealed value that does not open is forged, tampered, or past its deadline: one answer.
        rejected(CookieRejection.BAD_SIGNATURE, rejections);
      }
      return opened;
    }
    Optional<SessionId> verified = signer.verify(cookieValue);
    if (verified.isEmpty()) {
      rejected(
          signer.isWellFormed(cookieValue)
              ? CookieRejection.BAD_SIGNATURE
              : CookieRejection.MALFORMED,
          rejections);
      return Optional.empty();
    }
    SessionId id = keyed(verified.get());
    SessionKey key = id.key();
    Optional<SessionRecord> record = store.load(key);
    // A store that hands back another key's record must never give this client that data, unless
    // that record says it was renewed from this key (the old id, in its grace window).
    boolean forwarded = record.isPresent() && !record.get().key().equals(key);
    if (forwarded && !Reserved.renewedFrom(record.get(), key)) {
      record = Optional.empty();
      forwarded = false;
    }
    if (record.isEmpty()) {
      rejected(CookieRejection.UNKNOWN_OR_EXPIRED, rejections);
    }
    return Optional.of(new Opened(id, record, forwarded));
  }

  /** Gives a session just loaded the principal its attribute names, when the config says so. */
  void followPrincipal(ManagedSession session) {
    PrincipalAttribute source = config.principalSource();
    if (source != null) {
      source.follow(session);
    }
  }

  /** Whether sessions can get a new id with a grace window for the old one. */
  boolean canRenew() {
    return store.canRenew();
  }

  /**
   * Whether a session loaded through its own id is due for a new one: renewal is on, the store can
   * renew, and the interval has passed since the session got its id.
   */
  boolean renewalDue(SessionState session, Instant now) {
    // Renewal off (the common case): the stored renewal time is not even read.
    return renewalInterval != null && !now.isBefore(session.renewedAt().plus(renewalInterval));
  }

  /**
   * Whether a live session was made for another kind of client than this request's (client
   * binding); reported as {@link CookieRejection#CLIENT_MISMATCH}. Sessions made without a binding,
   * and requests that carry none, always match.
   */
  boolean boundToAnotherClient(
      SessionRecord record, String client, Consumer<CookieRejection> rejections) {
    if (client == null) {
      // Most requests carry no description: no attribute is looked up for them.
      return false;
    }
    String bound = record.attributes().get(Reserved.CLIENT);
    if (bound == null || bound.equals(codec.encode(Reserved.CLIENT, client))) {
      return false;
    }
    rejected(CookieRejection.CLIENT_MISMATCH, rejections);
    return true;
  }

  private void rejected(CookieRejection reason, Consumer<CookieRejection> rejections) {
    rejections.accept(reason);
    if (reason == CookieRejection.BAD_SIGNATURE
        && sealed == null
        && !badSignatureLogged.getAndSet(true)) {
      // Once: a secret that differs between two apps sharing the cookie shows up here first.
      LOG.log(
          Level.WARNING,
          "a {0} cookie was well formed but signed by none of the {1} session secrets (bad"
              + " signature): forged, or signed with a secret this app does not list; apps that"
              + " share the cookie (a Node app with express-session) must list the same secrets."
              + " Further ones are counted as rejected cookies, not logged here",
          config.cookie().name(),
          config.keyRing().size());
    }
    if (!listeners.isEmpty()) {
      listeners.cookieRejected(reason);
    }
  }

  /** The cookie value for a session as it now stands. */
  String cookieValue(SessionId id, SessionRecord record) {
    return sealed != null ? sealed.value(id, record) : signer.sign(id);
  }

  /** Whether the cookie holds the session itself, so every write must set it again. */
  boolean cookieCarriesState() {
    return sealed != null;
  }

  /**
   * A new handle seed for a session a principal logs in to, as its stored JSON form; null where no
   * handle is ever shown (the store lists no sessions by principal, as with sealed cookies), so
   * nothing is written for it.
   */
  String newHandleSeed() {
    if (!store.indexesPrincipals()) {
      return null;
    }
    byte[] seed = new byte[16];
    config.random().nextBytes(seed);
    return codec.encode(
        Reserved.HANDLE_SEED, Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
  }

  SessionId newId() {
    return keyed(
        config
            .idGenerator()
            .map(Engine::customId)
            .orElseGet(() -> SessionId.generate(config.random())));
  }

  /** The id as this engine's store keys it. */
  private SessionId keyed(SessionId id) {
    return rawKeys ? id.keyedByRawId() : id;
  }

  /**
   * The {@code Set-Cookie} for a session value, in the cookie format's attributes: the only place a
   * session cookie is made.
   */
  SetCookie sessionCookie(String value, boolean secureRequest, Instant now, Duration maxAge) {
    return dialect.shape(SetCookie.session(config.cookie(), value, secureRequest, now, maxAge));
  }

  /** The {@code Set-Cookie} that drops the session cookie, in the cookie format's attributes. */
  SetCookie clearingCookie(boolean secureRequest) {
    return dialect.shape(SetCookie.clearing(config.cookie(), secureRequest));
  }

  private static SessionId customId(java.util.function.Supplier<String> generator) {
    String id = generator.get();
    if (id == null || !SessionId.isWellFormed(id)) {
      // Checked at build; a generator that changes its mind is a bug, never an id to accept.
      throw new IllegalStateException(
          "idGenerator made an id that is not 22 to 86 base64url chars");
    }
    return SessionId.of(id);
  }

  SessionRecord blankRecord(SessionId id, Instant now) {
    return new SessionRecord(
        id.key(),
        now,
        now,
        config.idleTimeout(),
        config.absoluteTimeout().map(now::plus).orElse(null),
        null,
        Map.of());
  }

  void fire(
      BiConsumer<SessionListener, SessionEvent> event,
      SessionKey key,
      String principal,
      Instant now) {
    fire(event, key, principal, now, SessionEvent.Reason.NONE);
  }

  void fire(
      BiConsumer<SessionListener, SessionEvent> event,
      SessionKey key,
      String principal,
      Instant now,
      SessionEvent.Reason reason) {
    if (listeners.isEmpty()) {
      return;
    }
    // Each listener's failure is caught and logged by the fan-out.
    event.accept(listeners, new SessionEvent(key, Optional.ofNullable(principal), now, reason));
  }
}
