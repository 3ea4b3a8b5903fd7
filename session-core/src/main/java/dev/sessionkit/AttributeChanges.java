package dev.sessionkit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A session's attributes as one request sees them, and what the request changed: the loaded
 * record's immutable map until the first write, then a private copy, plus the names set and
 * removed. Not thread-safe: {@link ManagedSession} guards it with its own lock.
 */
final class AttributeChanges {

  private Map<String, String> current;
  private boolean copied;
  // Made on the first change: most requests only read.
  private Map<String, String> set = Map.of();
  private Set<String> removed = Set.of();

  AttributeChanges(Map<String, String> base) {
    reset(base);
  }

  /** Takes a record's attributes and forgets every change. */
  void reset(Map<String, String> base) {
    current = base;
    copied = false;
    clearChanges();
  }

  String get(String name) {
    return current.get(name);
  }

  boolean contains(String name) {
    return current.containsKey(name);
  }

  /**
   * Writes a value as this request's change. A value whose encoding equals the one held is no
   * change: it marks nothing, so it costs no write.
   */
  void put(String name, String json) {
    if (json.equals(current.get(name))) {
      return;
    }
    writable().put(name, json);
    changedNames().put(name, json);
    if (!removed.isEmpty()) {
      removed.remove(name);
    }
  }

  /** Writes a value that is part of the session from the start, not a change of this request. */
  void putUnchanged(String name, String json) {
    writable().put(name, json);
  }

  /**
   * Removes a value as this request's change. Only a removal of something this request could see is
   * recorded, so a concurrent request's new attribute is not removed by one that never knew of it.
   */
  void remove(String name) {
    if (current.containsKey(name)) {
      writable().remove(name);
      if (!set.isEmpty()) {
        set.remove(name);
      }
      removedNames().add(name);
    }
  }

  /** The names an application sees: every name but the reserved ones. */
  Set<String> visibleNames(Set<String> reserved) {
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

  /** Every attribute as it now stands (the record to write). */
  Map<String, String> all() {
    return current;
  }

  Map<String, String> setThisRequest() {
    return set;
  }

  Set<String> removedThisRequest() {
    return removed;
  }

  /** After a write, or on reset: nothing is pending. */
  void clearChanges() {
    set = Map.of();
    removed = Set.of();
  }

  private Map<String, String> changedNames() {
    if (set.isEmpty()) {
      set = new HashMap<>();
    }
    return set;
  }

  private Set<String> removedNames() {
    if (removed.isEmpty()) {
      removed = new HashSet<>();
    }
    return removed;
  }

  private Map<String, String> writable() {
    if (!copied) {
      current = new HashMap<>(current);
      copied = true;
    }
    return current;
  }
}
