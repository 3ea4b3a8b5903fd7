package dev.sessionkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one request changed in a stored session: attributes set, attributes removed, and the
 * metadata to write. A store applies it atomically to the current record, so that changes of two
 * concurrent requests to different attributes are both kept.
 *
 * @param key the store key of the session
 * @param set attributes written by the request, name to JSON text
 * @param removed attributes removed by the request; disjoint from {@code set}
 * @param lastAccessTime the new last access time
 * @param idleTimeout the session's idle timeout (new or unchanged)
 * @param expiresAt the new expiry, precomputed for stores that expire keys themselves
 * @param principalChanged whether {@code principal} is to be written
 * @param principal the new principal, or null for none; read only when {@code principalChanged}
 */
public record SessionDelta(
    SessionKey key,
    Map<String, String> set,
    Set<String> removed,
    Instant lastAccessTime,
    Duration idleTimeout,
    Instant expiresAt,
    boolean principalChanged,
    String principal) {

  /**
   * Checks the fields and copies the collections.
   *
   * @throws NullPointerException if a field other than {@code principal} is null
   * @throws IllegalArgumentException if a name is both set and removed
   */
  public SessionDelta {
    Objects.requireNonNull(key, "key");
    set = Map.copyOf(Objects.requireNonNull(set, "set"));
    removed = Set.copyOf(Objects.requireNonNull(removed, "removed"));
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(expiresAt, "expiresAt");
    for (String name : removed) {
      if (set.containsKey(name)) {
        throw new IllegalArgumentException("attribute both set and removed: " + name);
      }
    }
  }

  /**
   * Returns whether the delta changes attributes.
   *
   * @return true when something is set or removed
   */
  public boolean changesAttributes() {
    return !set.isEmpty() || !removed.isEmpty();
  }

  /**
   * Returns the same changes for another key, as a store applies a delta that arrives through a
   * renewed session's old key ({@link SessionRenewal}).
   *
   * @param newKey the key
   * @return this delta for {@code newKey}
   */
  public SessionDelta withKey(SessionKey newKey) {
    return new SessionDelta(
        newKey, set, removed, lastAccessTime, idleTimeout, expiresAt, principalChanged, principal);
  }
}
