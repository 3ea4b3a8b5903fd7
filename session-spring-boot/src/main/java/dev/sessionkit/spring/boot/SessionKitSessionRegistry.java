package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionRecord;
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
 * SessionInfo#handle()}), never the raw session id. {@link SessionInformation#expireNow()} ends the
 * session in the store at once, on every node: its cookie is refused from the next request on, as
 * after a logout. Registration needs no call: the session's principal is set from Spring Security's
 * authentication when the security context is saved ({@code sessionkit.security.principal}), and
 * last access is recorded by SessionKit itself, so {@link #registerNewSession}, {@link
 * #refreshLastRequest} and {@link #removeSessionInformation} do nothing, and {@link
 * #getSessionInformation} answers null (nothing is looked up by raw id).
 *
 * <p>Spring Security's check before a login reads this registry and then acts: two logins of one
 * user at the same moment can both pass it. Setting {@code sessionkit.max-sessions-per-principal}
 * to the same number makes the store hold the cap atomically when the sessions are written, so
 * exactly {@code n} stay valid. Thread-safe.
 */
public final class SessionKitSessionRegistry implements SessionRegistry {

  /** How many records one page of the inventory reads when principals are listed. */
  private static final int PAGE = 500;

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
   * Answers null: sessions are not looked up by raw id, and a session ended by {@link
   * SessionInformation#expireNow()} is already gone from the store.
   *
   * @param sessionId a raw session id
   * @return null
   */
  @Override
  public SessionInformation getSessionInformation(String sessionId) {
    return null;
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

  /** One session of a principal; ending it ends the session in the store. */
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
      byPrincipal.invalidate(name, getSessionId());
    }
  }
}
