package dev.sessionkit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A session's attributes as one request sees them, and what the request changed: the loaded
 * record's immutable map, never copied, under the names set and removed. A read looks at the
 * changes first, then at the loaded map, so a request that sets one attribute decodes and copies
 * nothing else (a store's lazy view stays lazy); the whole map is built only when a whole record is
 * written. Not thread-safe: {@link ManagedSession} guards it with its own lock.
 */
final class AttributeChanges {

  private Map<String, String> base;
  // Changes written by an earlier commit of this request (or bound from the start): still over
  // the base, no longer pending. Empty for almost every request.
  private Map<String, String> earlier = Map.of();
  private Set<String> earlierRemoved = Set.of();
  // This request's pending changes. Made on the first change: most requests only read; a single
  // set stays an immutable one-entry map, which the delta takes without a copy.
  private Map<String, String> set = Map.of();
  private Set<String> removed = Set.of();
  private Map<String, String> merged;

  AttributeChanges(Map<String, String> base) {
    reset(base);
  }

  /** Takes a record's attributes and forgets every change. */
  void reset(Map<String, String> base) {
    this.base = base;
    earlier = Map.of();
    earlierRemoved = Set.of();
    set = Map.of();
    removed = Set.of();
    merged = null;
  }

  String get(String name) {
    String value = set.get(name);
    if (value != null) {
      return value;
    }
    if (removed.contains(name)) {
      return null;
    }
    if (!earlier.isEmpty() || !earlierRemoved.isEmpty()) {
      value = earlier.get(name);
      if (value != null || earlierRemoved.contains(name)) {
        return value;
      }
    }
    return base.get(name);
  }

  boolean contains(String name) {
    return get(name) != null;
  }

  /**
   * Writes a value as this request's change. A value whose encoding equals the one held is no
   * change: it marks nothing, so it costs no write.
   */
  void put(String name, String json) {
    if (json.equals(get(name))) {
      return;
    }
    if (set.isEmpty()) {
      set = Map.of(name, json);
    } else {
      changedNames().put(name, json);
    }
    if (!removed.isEmpty()) {
      removed.remove(name);
    }
    merged = null;
  }

  /** Writes a value that is part of the session from the start, not a change of this request. */
  void putUnchanged(String name, String json) {
    Map<String, String> before = new HashMap<>(earlier);
    before.put(name, json);
    earlier = before;
    if (earlierRemoved.contains(name)) {
      Set<String> gone = new HashSet<>(earlierRemoved);
      gone.remove(name);
      earlierRemoved = gone;
    }
    merged = null;
  }

  /**
   * Removes a value as this request's change. Only a removal of something this request could see is
   * recorded, so a concurrent request's new attribute is not removed by one that never knew of it.
   */
  void remove(String name) {
    if (contains(name)) {
      if (set.containsKey(name)) {
        changedNames().remove(name);
      }
      removedNames().add(name);
      merged = null;
    }
  }

  /** The names an application sees: every name but the reserved ones. */
  Set<String> visibleNames(Set<String> reserved) {
    Map<String, String> current = all();
    for (String name : reserved) {
      if (current.containsKey(name)) {
        Set<String> names = new HashSet<>(current.keySet());
        names.removeAll(reserved);
        return Set.copyOf(names);
      }
    }
    return Set.copyOf(current.keySet());
  }

  boolean isChanged() {
    return !set.isEmpty() || !removed.isEmpty();
  }

  /** Every attribute as it now stands (the record to write), built on demand. */
  Map<String, String> all() {
    if (set.isEmpty() && removed.isEmpty() && earlier.isEmpty() && earlierRemoved.isEmpty()) {
      return base;
    }
    if (merged == null) {
      Map<String, String> m = new HashMap<>(base);
      m.keySet().removeAll(earlierRemoved);
      m.putAll(earlier);
      m.keySet().removeAll(removed);
      m.putAll(set);
      merged = m;
    }
    return merged;
  }

  Map<String, String> setThisRequest() {
    return set;
  }

  Set<String> removedThisRequest() {
    return removed;
  }

  /** After a write, or on reset: nothing is pending; what was pending stays over the base. */
  void clearChanges() {
    if (!isChanged()) {
      return;
    }
    if (earlier.isEmpty() && earlierRemoved.isEmpty()) {
      earlier = set;
      earlierRemoved = removed;
    } else {
      Map<String, String> before = new HashMap<>(earlier);
      before.keySet().removeAll(removed);
      before.putAll(set);
      Set<String> gone = new HashSet<>(earlierRemoved);
      gone.removeAll(set.keySet());
      gone.addAll(removed);
      earlier = before;
      earlierRemoved = gone;
    }
    set = Map.of();
    removed = Set.of();
  }

  private Map<String, String> changedNames() {
    if (!(set instanceof HashMap)) {
      set = new HashMap<>(set);
    }
    return set;
  }

  private Set<String> removedNames() {
    if (removed.isEmpty()) {
      removed = new HashSet<>();
    }
    return removed;
  }
}
