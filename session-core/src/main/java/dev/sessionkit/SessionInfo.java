package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One live session as a list of a principal's sessions shows it ("your sessions").
 *
 * <p>Show the client the {@code handle}, never the key: the handle names the session to {@link
 * SessionsByPrincipal#invalidate(Session, String)} for this principal only, and nothing turns it
 * into the session's id or key. The key is for logs and for matching {@link SessionEvent}s.
 *
 * @param key the session's store key (a hash of its id; safe to log, not to hand out)
 * @param handle what a page or an API names this session by: 22 base64url characters, the same for
 *     as long as the principal stays logged in to the session, across id renewals
 * @param creationTime when it was created
 * @param lastAccessTime when it was last used, as last persisted
 * @param expiresAt when it ends if not used again
 * @param device the device description recorded with {@link Session#setDevice}, if any
 * @param current whether this is the session of the request that asked for the list
 * @param attributeNames the names of the session's attributes, as {@link Session#attributeNames()}
 *     gives them (never SessionKit's reserved ones); the values stay in the store
 */
public record SessionInfo(
    SessionKey key,
    String handle,
    Instant creationTime,
    Instant lastAccessTime,
    Instant expiresAt,
    Optional<String> device,
    boolean current,
    Set<String> attributeNames) {

  /**
   * Checks the fields and copies the names.
   *
   * @throws NullPointerException if a field is null
   */
  public SessionInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(device, "device");
    attributeNames = Set.copyOf(Objects.requireNonNull(attributeNames, "attributeNames"));
  }

  /**
   * A session listed without its attribute names.
   *
   * @param key the session's store key
   * @param handle what a page or an API names this session by
   * @param creationTime when it was created
   * @param lastAccessTime when it was last used, as last persisted
   * @param expiresAt when it ends if not used again
   * @param device the device description, if any
   * @param current whether this is the session of the request that asked for the list
   * @throws NullPointerException if a field is null
   */
  public SessionInfo(
      SessionKey key,
      String handle,
      Instant creationTime,
      Instant lastAccessTime,
      Instant expiresAt,
      Optional<String> device,
      boolean current) {
    this(key, handle, creationTime, lastAccessTime, expiresAt, device, current, Set.of());
  }
}
