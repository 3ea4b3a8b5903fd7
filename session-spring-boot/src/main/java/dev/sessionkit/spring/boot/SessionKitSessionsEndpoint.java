package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionInfo;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionsByPrincipal;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator {@code sessions} endpoint, with the paths and JSON of Spring Boot's own for Spring
 * Session: {@code GET /actuator/sessions?username=} lists a user's sessions, {@code GET
 * /actuator/sessions/{id}} shows one, {@code DELETE /actuator/sessions/{id}} ends it. The id is the
 * session's handle ({@link SessionInfo#handle()}), never its session id, so nothing this endpoint
 * shows can be replayed as a cookie. Off unless exposed ({@code
 * management.endpoints.web.exposure.include=sessions}), as Boot's endpoints are; restrict it to
 * operators.
 *
 * <p>A handle resolves among the sessions of its principal only. With the user name ({@code GET
 * /actuator/sessions/{id}?username=}, {@code DELETE} likewise) that costs one read of the
 * principal's index; without it, as Spring Boot's own paths have none, the store's inventory is
 * walked for the principals it holds, a scan of the whole store (on Redis a {@code SCAN}, on JDBC a
 * pass over the table) that an operator's tool can afford and a request path cannot. The sessions
 * listed for a user carry their attribute names (the values stay in the store), read with the list
 * at no extra cost. Thread-safe.
 */
@Endpoint(id = "sessions")
public class SessionKitSessionsEndpoint {

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final int PAGE = 500;

  private final SessionManager manager;

  /**
   * Creates the endpoint.
   *
   * @param manager the engine whose sessions it shows
   */
  public SessionKitSessionsEndpoint(SessionManager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /**
   * Lists a user's live sessions, most recently used first.
   *
   * @param username the principal name
   * @return the sessions; none when the store keeps no per-principal index
   */
  @ReadOperation
  public SessionsDescriptor sessionsForUsername(String username) {
    Optional<SessionsByPrincipal> byPrincipal = manager.byPrincipal();
    if (byPrincipal.isEmpty()) {
      return new SessionsDescriptor(List.of());
    }
    return new SessionsDescriptor(
        byPrincipal.get().list(username).stream()
            .map(info -> SessionDescriptor.of(username, info))
            .toList());
  }

  /**
   * Shows one session.
   *
   * @param sessionId the session's handle
   * @param username whose session it is, if known: the handle is then looked up among that user's
   *     sessions only, without a scan of the store
   * @return the session, or null (404) when no live session has this handle
   */
  @ReadOperation
  public SessionDescriptor getSession(@Selector String sessionId, @Nullable String username) {
    return find(sessionId, username).orElse(null);
  }

  /**
   * Shows one session, looked up without the user name: a scan of the store.
   *
   * @param sessionId the session's handle
   * @return the session, or null when no live session has this handle
   */
  public SessionDescriptor getSession(String sessionId) {
    return getSession(sessionId, null);
  }

  /**
   * Ends one session, looked up without the user name: a scan of the store.
   *
   * @param sessionId the session's handle; one that names no live session ends nothing
   */
  public void deleteSession(String sessionId) {
    deleteSession(sessionId, null);
  }

  /**
   * Ends one session: its record is deleted and its cookie is refused from then on.
   *
   * @param sessionId the session's handle; one that names no live session ends nothing
   * @param username whose session it is, if known: then no scan of the store
   */
  @DeleteOperation
  public void deleteSession(@Selector String sessionId, @Nullable String username) {
    Optional<SessionsByPrincipal> byPrincipal = manager.byPrincipal();
    find(sessionId, username)
        .ifPresent(session -> byPrincipal.orElseThrow().invalidate(session.username(), sessionId));
  }

  private Optional<SessionDescriptor> find(String handle, String username) {
    Optional<SessionsByPrincipal> byPrincipal = manager.byPrincipal();
    if (handle == null || !HANDLE.matcher(handle).matches() || byPrincipal.isEmpty()) {
      return Optional.empty(); // junk is answered before the store is asked
    }
    Iterable<String> principals;
    if (username != null) {
      principals = List.of(username);
    } else if (manager.inventory().isPresent()) {
      principals = principals(manager.inventory().get());
    } else {
      return Optional.empty();
    }
    for (String principal : principals) {
      for (SessionInfo info : byPrincipal.get().list(principal)) {
        if (info.handle().equals(handle)) {
          return Optional.of(SessionDescriptor.of(principal, info));
        }
      }
    }
    return Optional.empty();
  }

  private static Set<String> principals(SessionInventory inventory) {
    Set<String> principals = new LinkedHashSet<>();
    Optional<String> cursor = Optional.empty();
    do {
      SessionInventory.Page page = inventory.page(cursor, PAGE);
      for (SessionRecord record : page.records()) {
        if (record.principal() != null) {
          principals.add(record.principal());
        }
      }
      cursor = page.next();
    } while (cursor.isPresent());
    return principals;
  }

  /**
   * A user's sessions, as Spring Boot's endpoint shows them.
   *
   * @param sessions the sessions
   */
  public record SessionsDescriptor(List<SessionDescriptor> sessions) {}

  /**
   * One session, as Spring Boot's endpoint shows it, plus who is logged in to it, its device
   * description and when it ends if not used. Attribute values stay in the store.
   *
   * @param id the session's handle
   * @param username who is logged in
   * @param attributeNames the names of its attributes (SessionKit's reserved ones left out)
   * @param creationTime when it was created
   * @param lastAccessedTime when it was last used, as last written
   * @param maxInactiveInterval seconds from the last access to {@code expiresAt}
   * @param expired always false: ended sessions are not listed
   * @param expiresAt when it ends if not used again
   * @param device the device description recorded at login, or null
   */
  public record SessionDescriptor(
      String id,
      String username,
      Set<String> attributeNames,
      Instant creationTime,
      Instant lastAccessedTime,
      long maxInactiveInterval,
      boolean expired,
      Instant expiresAt,
      String device) {

    static SessionDescriptor of(String username, SessionInfo info) {
      return new SessionDescriptor(
          info.handle(),
          username,
          info.attributeNames(),
          info.creationTime(),
          info.lastAccessTime(),
          Duration.between(info.lastAccessTime(), info.expiresAt()).toSeconds(),
          false,
          info.expiresAt(),
          info.device().orElse(null));
    }
  }
}
