package dev.sessionkit;

import dev.sessionkit.internal.CookieHeaders;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.spi.StoreFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The session engine: opens a {@link SessionContext} per request. Thread-safe; build one per
 * application and close it when the application stops, which closes the store it built.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.create(
 *     SessionConfig.builder().secret(System.getenv("SESSION_SECRET")).build(),
 *     MemorySessionStore.builder());
 * }</pre>
 */
public final class SessionManager implements AutoCloseable {

  /** A well-formed key that no session has: what {@link #checkStore()} asks the store for. */
  private static final SessionKey PROBE = new SessionKey("0".repeat(64));

  private final Engine engine;
  private final SessionsByPrincipal byPrincipal;

  private SessionManager(Engine engine) {
    this.engine = engine;
    this.byPrincipal = engine.store.indexesPrincipals() ? new SessionsByPrincipal(engine) : null;
  }

  /**
   * Creates an engine that keeps sessions in a store, named by signed ids in the cookie. The store
   * is built here, with the config's clock and listener, and belongs to the engine.
   *
   * @param config the settings
   * @param store what builds the store; every store's builder is one
   * @return the engine
   * @throws NullPointerException if an argument is null, or the factory returns null
   * @throws IllegalStateException if the config caps sessions per principal and the store cannot
   *     count them, or the store keeps express-session's layout and the cookie format is not {@link
   *     CookieFormat#EXPRESS}
   */
  public static SessionManager create(SessionConfig config, StoreFactory store) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(store, "store");
    SessionListeners listeners = new SessionListeners(config.listener());
    SessionStore built =
        Objects.requireNonNull(store.create(new StoreContext(config.clock(), listeners)), "store");
    if (built.keysByRawId() && config.cookieFormat() != CookieFormat.EXPRESS) {
      built.close();
      // A layout Node reads, behind a cookie Node cannot verify: the two would never share a login.
      throw new IllegalStateException(
          "the store's expressLayout() cannot be combined with cookieFormat("
              + config.cookieFormat()
              + "): Node finds these records by the id in express-session's cookie, which only"
              + " cookieFormat(CookieFormat.EXPRESS) writes");
    }
    if (config.maxSessionsPerPrincipal().isPresent() && !(built instanceof PrincipalSessions)) {
      built.close();
      throw new IllegalStateException(
          "maxSessionsPerPrincipal needs a store that finds sessions by principal; "
              + built.getClass().getSimpleName()
              + " does not implement PrincipalSessions");
    }
    return new SessionManager(Engine.signed(config, built, listeners));
  }

  /**
   * Creates an engine that keeps each session whole in its cookie, sealed with AES-256-GCM under
   * keys derived from the config's key ring (client-side sessions). No store is involved; a session
   * cannot be ended on the server before it expires, so {@link #byPrincipal()} is empty.
   *
   * @param config the settings
   * @return the engine
   * @throws IllegalStateException if the config caps sessions per principal or asks for the express
   *     cookie format
   */
  public static SessionManager sealed(SessionConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.maxSessionsPerPrincipal().isPresent()) {
      throw new IllegalStateException(
          "maxSessionsPerPrincipal cannot be enforced on sealed sessions: they live only in"
              + " cookies, so nothing on the server can count or end them");
    }
    if (config.cookieFormat() != CookieFormat.SESSIONKIT) {
      throw new IllegalStateException(
          "cookieFormat("
              + config.cookieFormat()
              + ") signs a session id; sealed sessions have"
              + " none to sign (the whole session is in the cookie)");
    }
    return new SessionManager(Engine.sealed(config, new SessionListeners(config.listener())));
  }

  /**
   * Opens the session context of one request. Does no work until the session is asked for.
   *
   * @param cookieHeaders the request's {@code Cookie} header values
   * @param secureRequest whether the request came over HTTPS (for {@link SecureMode#AUTO})
   * @return the context
   */
  public SessionContext open(Iterable<String> cookieHeaders, boolean secureRequest) {
    return new SessionContext(engine, cookieHeaders, secureRequest, null);
  }

  /**
   * Opens the session context of one request from a client described by coarse properties the
   * application chose (client binding, opt-in): a session records the description of the client it
   * was made for, and a request whose description differs is treated as having no session and
   * reported to {@link SessionListener#cookieRejected} as {@link CookieRejection#CLIENT_MISMATCH}.
   * Keep the description coarse (a browser family and OS, not a full User-Agent or an IP address),
   * or ordinary updates and roaming log users out.
   *
   * @param cookieHeaders the request's {@code Cookie} header values
   * @param secureRequest whether the request came over HTTPS (for {@link SecureMode#AUTO})
   * @param client the client's description, at most 200 characters; null for no binding
   * @return the context
   * @throws IllegalArgumentException if the description is longer than 200 characters
   */
  public SessionContext open(Iterable<String> cookieHeaders, boolean secureRequest, String client) {
    if (client != null && client.length() > 200) {
      throw new IllegalArgumentException("a client description is at most 200 characters");
    }
    return new SessionContext(engine, cookieHeaders, secureRequest, client);
  }

  /**
   * Opens the session context of a request that carries its signed id in a request header rather
   * than a cookie (an API or mobile client). The value is what {@link SetCookie#value()} held when
   * the session was last committed; {@link SessionContext#commit()} still answers with a {@link
   * SetCookie}, whose value the caller sends back in its header (empty when {@link
   * SetCookie#isClearing()}) instead of setting a cookie.
   *
   * @param signedId the header's value; null or empty when the client has no session yet
   * @param secureRequest whether the request came over HTTPS
   * @param client the client's description for client binding, or null for none
   * @return the context
   * @throws IllegalArgumentException if the description is longer than 200 characters
   */
  public SessionContext openSignedId(String signedId, boolean secureRequest, String client) {
    if (client != null && client.length() > 200) {
      throw new IllegalArgumentException("a client description is at most 200 characters");
    }
    List<String> values =
        signedId == null || signedId.isEmpty() || signedId.length() > CookieHeaders.MAX_VALUE_LENGTH
            ? List.of()
            : List.of(signedId.strip());
    return new SessionContext(engine, List.of(), values, secureRequest, client);
  }

  /**
   * Returns the operations on all sessions of a principal ("your sessions", "log out everywhere"),
   * when the store indexes sessions by principal.
   *
   * @return the operations; empty for sealed sessions and stores without the capability
   */
  public Optional<SessionsByPrincipal> byPrincipal() {
    return Optional.ofNullable(byPrincipal);
  }

  /**
   * Returns the store's inventory (count, page through, clear: express-session's {@code
   * store.length}, {@code store.all}, {@code store.clear}), for admin tools. Each call is reported
   * to {@link SessionListener#storeCalled} as the engine's own calls are.
   *
   * @return the inventory; empty for sealed sessions and stores without the capability
   */
  public Optional<SessionInventory> inventory() {
    return engine.store.inventory();
  }

  /**
   * Asks the store for a session that does not exist: a readiness probe for start-up checks and
   * health endpoints. Sealed sessions have no store and always pass.
   *
   * @throws SessionStoreException when the store does not answer within its timeout
   */
  public void checkStore() {
    engine.store.load(PROBE);
  }

  /**
   * Adds a listener that hears what the config's {@link SessionConfigBuilder#listener} hears, from
   * now on: sessions created, invalidated, expired, evicted and regenerated (from requests and from
   * the store), and rejected cookies; not {@link SessionListener#storeCalled}, which only the
   * configured listener hears. For code that joins an engine built elsewhere, such as the servlet
   * module's bridge to the container's session listeners. A listener that throws is logged and
   * ignored.
   *
   * @param listener the listener; thread-safe and quick, as {@link SessionListener} says
   * @throws NullPointerException if {@code listener} is null
   */
  public void addListener(SessionListener listener) {
    engine.listeners().add(listener);
  }

  /**
   * Removes a listener added with {@link #addListener}; nothing happens when it was not added.
   *
   * @param listener the listener
   */
  public void removeListener(SessionListener listener) {
    engine.listeners().remove(listener);
  }

  /**
   * Returns the settings.
   *
   * @return the config
   */
  public SessionConfig config() {
    return engine.config;
  }

  /**
   * Closes the store this engine built. Calling it again does nothing more than the store does.
   *
   * @throws SessionStoreException when the store fails to close
   */
  @Override
  public void close() {
    engine.store.close();
  }
}
