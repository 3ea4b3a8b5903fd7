package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys belong to which principal. The store changes it only inside the cache's atomic
 * operation on the key concerned, so changes for one key never interleave; readers still verify
 * each candidate against the cache, which is the truth.
 *
 * <p>Most principals have a handful of sessions, so their keys sit in a small immutable set that is
 * copied on change (a one-key set costs a few bytes, a concurrent set a few hundred); a principal
 * with many sessions moves to a concurrent set, so that adding stays cheap.
 */
final class PrincipalIndex {

  /** Beyond this many sessions, a principal's keys live in a mutable concurrent set. */
  static final int SMALL = 16;

  private final ConcurrentHashMap<String, Set<SessionKey>> keysByPrincipal =
      new ConcurrentHashMap<>();

  /** Moves a key from its old principal to its new one; either may be null. */
  void move(SessionKey key, String from, String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      // Changing inside compute drops an emptied set without racing a concurrent add.
      keysByPrincipal.computeIfPresent(from, (p, keys) -> without(keys, key));
    }
    if (to != null) {
      keysByPrincipal.compute(to, (p, keys) -> with(keys, key));
    }
  }

  private static Set<SessionKey> with(Set<SessionKey> keys, SessionKey key) {
    if (keys == null) {
      return Set.of(key);
    }
    if (keys.contains(key)) {
      return keys;
    }
    if (keys.size() < SMALL) {
      Set<SessionKey> copy = new HashSet<>(keys);
      copy.add(key);
      return Set.copyOf(copy);
    }
    if (keys.size() == SMALL) {
      Set<SessionKey> large = ConcurrentHashMap.newKeySet();
      large.addAll(keys);
      large.add(key);
      return large;
    }
    keys.add(key);
    return keys;
  }

  private static Set<SessionKey> without(Set<SessionKey> keys, SessionKey key) {
    if (!keys.contains(key)) {
      return keys;
    }
    if (keys.size() == 1) {
      return null;
    }
    if (keys.size() <= SMALL) {
      Set<SessionKey> copy = new HashSet<>(keys);
      copy.remove(key);
      return Set.copyOf(copy);
    }
    keys.remove(key);
    return keys;
  }

  /** Returns the keys last indexed under the principal, as a snapshot. */
  Set<SessionKey> candidates(String principal) {
    Set<SessionKey> keys = keysByPrincipal.get(principal);
    // Set.copyOf returns a small immutable set itself and copies a large concurrent one.
    return keys == null ? Set.of() : Set.copyOf(keys);
  }
}
