package dev.sessionkit.spring.boot;

import dev.sessionkit.Session;
import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.servlet.Sessions;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Security's {@link SessionRegistry} on SessionKit's per-principal index, so that {@code
 * sessionManagement().maximumSessions(n)} counts the sessions of every node that shares the store
 * (Redis, JDBC), not those of one JVM.
 *
 * <p>A session's {@link SessionInformation#getSessionId() id} here is its handle ({@link
 * SessionInfo#handle()}), never the raw session id. {@link SessionInformation#expireNow()} expires
 * the login in the store at once, on every node ({@link SessionsByPrincipal#expire}): the session
 * loses its principal and data and keeps a mark, so that its next request, on any node, finds it
 * expired through {@link #getSessionInformation}, and Spring Security's {@code
 * ConcurrentSessionFilter} logs it out and sends it to the {@code expiredUrl} (or the expired
 * session strategy) as Spring Security documents. Registration needs no call: the session's
 * principal is set from Spring Security's authentication when the security context is saved ({@code
 * sessionkit.security.principal}, which this registry needs), and last access is recorded by
 * SessionKit itself, so {@link #registerNewSession}, {@link #refreshLastRequest} and {@link
 * #removeSessionInformation} do nothing.
 *
 * <p>Spring Security's check before a login reads this registry and then acts: two logins of one
 * user at the same moment can both pass it. Setting {@code sessionkit.max-sessions-per-principal}
 * to the same number makes the store hold the cap atomically when the sessions are written, so
 * exactly {@code n} stay valid; a session that loses such a race is ended outright (its next
 * request finds no session), since the store must hold the cap with or without Spring Security's
 * filter. Thread-safe.
 */
public final class SessionKitSessionRegistry implements SessionRegistry {

  /** How many records one page of the inventory reads when principals are listed. */
  private static final int PAGE = 500;

  /** The session id an expired session's information carries: never the raw id. */
  static final String EXPIRED_ID = "expired";

  private final SessionManager manager;

  /**
   * Creates the registry.
   *
   * @param manager the engine whose store indexes sessions by principal
   */
  public SessionKitSessionRegistry(SessionManager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /**
   * The principal name SessionKit keeps for one of Spring Security's principals: the user name of
   * {@link UserDetails}, the name of an {@link AuthenticatedPrincipal} (OAuth2) or {@link
   * Principal}, else its string form, as {@code Authentication.getName()} gives it.
   *
   * @param principal Spring Security's principal
   * @return the name
   * @throws NullPointerException if {@code principal} is null
   */
  public static String nameOf(Object principal) {
    Objects.requireNonNull(principal, "principal");
    if (principal instanceof UserDetails user) {
      return user.getUsername();
    }
    if (principal instanceof AuthenticatedPrincipal authenticated) {
      return authenticated.getName();
    }
    if (principal instanceof Principal p) {
      return p.getName();
    }
    return principal.toString();
  }

  /**
   * Lists every principal with a live session, by name. Walks the whole store: for admin tools, not
   * for a request path.
   *
   * @return the principal names
   * @throws dev.sessionkit.SessionStoreException when the store fails
   */
  @Override
  public List<Object> getAllPrincipals() {
    Optional<SessionInventory> inventory = manager.inventory();
    if (inventory.isEmpty()) {
      return List.of();
    }
    Set<Object> names = new LinkedHashSet<>();
    Optional<String> cursor = Optional.empty();
    do {
      SessionInventory.Page page = inventory.get().page(cursor, PAGE);
      for (SessionRecord record : page.records()) {
        if (record.principal() != null) {
          names.add(record.principal());
        }
      }
      cursor = page.next();
    } while (cursor.isPresent());
    return List.copyOf(names);
  }

  /**
   * Lists a principal's live sessions, named by their handles. Ended sessions are gone from the
   * store, so {@code includeExpiredSessions} changes nothing.
   *
   * @param principal Spring Security's principal, or its name
   * @param includeExpiredSessions ignored
   * @return the sessions, most recently used first, in a list the caller may sort (Spring
   *     Security's strategy does)
   * @throws IllegalStateException when the store keeps no per-principal index ({@code
   *     sessionkit.store=cookie})
   * @throws dev.sessionkit.SessionStoreException when the store fails
   */
  @Override
  public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
    String name = nameOf(principal);
    SessionsByPrincipal byPrincipal = byPrincipal();
    return byPrincipal.list(name).stream()
        .<SessionInformation>map(info -> new Info(principal, name, info, byPrincipal))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /**
   * Tells Spring Security's {@code ConcurrentSessionFilter} whether the session of the request in
   * progress was expired by {@link SessionInformation#expireNow()}. Reads the request's own
   * session, which SessionKit has already loaded, so it costs no store call; a session id that is
   * not the current request's (or a call outside a request) is not looked up.
   *
   * @param sessionId the raw id of the current request's session
   * @return an expired {@link SessionInformation} (named {@value #EXPIRED_ID}, never by the raw id)
   *     when that session's login was expired; null otherwise, for Spring Security "nothing to do"
   */
  @Override
  public SessionInformation getSessionInformation(String sessionId) {
    if (sessionId == null) {
      return null;
    }
    Optional<SessionsByPrincipal> byPrincipal = manager.byPrincipal();
    Optional<Session> current =
        SecurityPrincipalFilter.currentRequest()
            .flatMap(Sessions::current)
            .filter(Session::isValid)
            .filter(session -> sameId(session.id(), sessionId));
    if (byPrincipal.isEmpty() || current.isEmpty()) {
      return null;
    }
    return byPrincipal
        .get()
        .expiredPrincipal(current.get())
        .map(
            principal -> {
              SessionInformation expired =
                  new SessionInformation(
                      principal, EXPIRED_ID, Date.from(current.get().lastAccessTime()));
              expired.expireNow();
              return expired;
            })
        .orElse(null);
  }

  private static boolean sameId(String id, String asked) {
    return MessageDigest.isEqual(
        id.getBytes(StandardCharsets.US_ASCII), asked.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Does nothing: SessionKit records each session's last access itself.
   *
   * @param sessionId a raw session id
   */
  @Override
  public void refreshLastRequest(String sessionId) {}

  /**
   * Does nothing: the session joins its principal's index when the security context is saved.
   *
   * @param sessionId a raw session id
   * @param principal Spring Security's principal
   */
  @Override
  public void registerNewSession(String sessionId, Object principal) {}

  /**
   * Does nothing: a session leaves the index when it ends.
   *
   * @param sessionId a raw session id
   */
  @Override
  public void removeSessionInformation(String sessionId) {}

  private SessionsByPrincipal byPrincipal() {
    return manager
        .byPrincipal()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "this session store keeps no per-principal index (sessionkit.store=cookie):"
                        + " Spring Security's maximumSessions needs memory, redis or jdbc"));
  }

  /** One session of a principal; expiring it expires its login in the store. */
  private static final class Info extends SessionInformation {

    private static final long serialVersionUID = 1L;

    private final transient String name;
    private final transient SessionsByPrincipal byPrincipal;

    Info(Object principal, String name, SessionInfo info, SessionsByPrincipal byPrincipal) {
      super(principal, info.handle(), Date.from(info.lastAccessTime()));
      this.name = name;
      this.byPrincipal = byPrincipal;
    }

    @Override
    public void expireNow() {
      super.expireNow();
      byPrincipal.expire(name, getSessionId());
    }
  }
}
