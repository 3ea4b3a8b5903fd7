package dev.sessionkit.memory;

import dev.sessionkit.SessionKey;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys belong to which principal. The store changes it only inside the cache's atomic
 * operation on the key concerned, so changes for one key never interleave; readers still verify
 * each candidate against the cache, which is the truth.
 */
final class PrincipalIndex {

  private final ConcurrentHashMap<String, Set<SessionKey>> keysByPrincipal =
      new ConcurrentHashMap<>();

  /** Moves a key from its old principal to its new one; either may be null. */
  void move(SessionKey key, String from, String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      // Removing inside compute drops an emptied set without racing a concurrent add.
      keysByPrincipal.computeIfPresent(
          from,
          (p, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
          });
    }
    if (to != null) {
      keysByPrincipal.compute(
          to,
          (p, keys) -> {
            Set<SessionKey> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
            set.add(key);
            return set;
          });
    }
  }

  /** Returns a copy of the keys last indexed under the principal. */
  Set<SessionKey> candidates(String principal) {
    Set<SessionKey> keys = keysByPrincipal.get(principal);
    return keys == null ? Set.of() : Set.copyOf(keys);
  }
}
