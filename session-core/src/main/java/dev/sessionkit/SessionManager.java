package dev.sessionkit;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The session engine: opens a {@link SessionContext} per request over a store. Immutable and
 * thread-safe; build one per application.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.create(
 *     SessionConfig.builder().secret(System.getenv("SESSION_SECRET")).build(),
 *     MemorySessionStore.builder().build());
 * }</pre>
 */
public final class SessionManager {

  private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

  private final SessionConfig config;
  private final SessionBackend backend;
  private final AttributeCodec codec;

  private SessionManager(SessionConfig config, SessionBackend backend) {
    this.config = config;
    this.backend = backend;
    this.codec = new AttributeCodec(config.jsonMapper(), config.untypedAllowList());
  }

  /**
   * Creates an engine that keeps sessions in a store, named by signed ids in the cookie. If the
   * store implements {@link ExpiryEvents}, the config's listener is subscribed to it.
   *
   * @param config the settings
   * @param store where sessions live
   * @return the engine
   */
  public static SessionManager create(SessionConfig config, SessionStore store) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(store, "store");
    if (store instanceof ExpiryEvents events && config.listener() != SessionListener.NONE) {
      events.subscribe(config.listener());
    }
    CookieSigner signer = new CookieSigner(config.keyRing(), config.cookie().name());
    return new SessionManager(config, new StoreBackend(store, signer));
  }

  /**
   * Creates an engine that keeps each session whole in its cookie, sealed with AES-256-GCM under
   * keys derived from the config's key ring (client-side sessions). No store is involved; a session
   * cannot be ended on the server before it expires, so {@link #invalidateAll} is not available.
   *
   * @param config the settings
   * @return the engine
   */
  public static SessionManager sealed(SessionConfig config) {
    Objects.requireNonNull(config, "config");
    String name = config.cookie().name();
    SessionSealer sealer = new SessionSealer(config.keyRing(), name, config.random());
    return new SessionManager(config, new SealedBackend(sealer, name));
  }

  /**
   * Opens the session context of one request. Does no work until the session is asked for.
   *
   * @param cookieHeaders the request's {@code Cookie} header values
   * @param secureRequest whether the request came over HTTPS (for {@link SecureMode#AUTO})
   * @return the context
   */
  public SessionContext open(Iterable<String> cookieHeaders, boolean secureRequest) {
    return new SessionContext(this, cookieHeaders, secureRequest);
  }

  /**
   * Ends every session of a principal ("log out everywhere").
   *
   * @param principal who is logged in
   * @return how many sessions were ended
   * @throws SessionStoreException when the store fails
   * @throws UnsupportedOperationException for an engine made by {@link #sealed}
   */
  public int invalidateAll(String principal) {
    Objects.requireNonNull(principal, "principal");
    return backend.deleteByPrincipal(principal);
  }

  /**
   * Returns the settings.
   *
   * @return the config
   */
  public SessionConfig config() {
    return config;
  }

  SessionBackend backend() {
    return backend;
  }

  AttributeCodec codec() {
    return codec;
  }

  Instant now() {
    return config.clock().instant();
  }

  void expired(SessionRecord record, Instant now) {
    deleteQuietly(record.key());
    fire(SessionListener::expired, record.key(), record.principal(), now);
  }

  void deleteQuietly(SessionKey key) {
    try {
      backend.delete(key);
    } catch (SessionStoreException e) {
      LOG.log(Level.DEBUG, "session {0}: cleanup failed: {1}", key.shortForm(), e.getMessage());
    }
  }

  void fire(
      BiConsumer<SessionListener, SessionEvent> event,
      SessionKey key,
      String principal,
      Instant now) {
    try {
      event.accept(config.listener(), new SessionEvent(key, Optional.ofNullable(principal), now));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session listener failed for " + key, e);
    }
  }
}
