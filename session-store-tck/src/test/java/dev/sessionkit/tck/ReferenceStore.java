package dev.sessionkit.tck;

import dev.sessionkit.SessionDelta;
import dev.sessionkit.SessionKey;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The simplest store that keeps the contract: one map behind one lock. The kit's own tests run
 * against it to show that the contract is satisfiable, and subclasses break it on purpose.
 */
class ReferenceStore implements SessionStore {

  final Clock clock;
  final Map<SessionKey, SessionRecord> records = new HashMap<>();

  ReferenceStore(Clock clock) {
    this.clock = clock;
  }

  /** The live record, or null; expired ones are dropped as they are found. */
  SessionRecord live(SessionKey key) {
    SessionRecord record = records.get(key);
    if (record != null && record.isExpiredAt(clock.instant())) {
      records.remove(key);
      return null;
    }
    return record;
  }

  @Override
  public synchronized Optional<SessionRecord> load(SessionKey key) {
    return Optional.ofNullable(live(key));
  }

  @Override
  public synchronized void create(SessionRecord record) {
    records.put(record.key(), record);
  }

  @Override
  public synchronized boolean apply(SessionDelta delta) {
    SessionRecord current = live(delta.key());
    if (current == null) {
      return false;
    }
    records.put(delta.key(), current.apply(delta));
    return true;
  }

  @Override
  public synchronized boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    SessionRecord current = live(key);
    if (current == null) {
      return false;
    }
    records.put(key, current.touch(lastAccessTime));
    return true;
  }

  @Override
  public synchronized boolean delete(SessionKey key) {
    return live(key) != null && records.remove(key) != null;
  }

  @Override
  public synchronized Set<SessionKey> findByPrincipal(String principal) {
    Set<SessionKey> keys = new HashSet<>();
    for (SessionKey key : Set.copyOf(records.keySet())) {
      SessionRecord record = live(key);
      if (record != null && Objects.equals(principal, record.principal())) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Override
  public synchronized int deleteByPrincipal(String principal) {
    Set<SessionKey> keys = findByPrincipal(principal);
    records.keySet().removeAll(keys);
    return keys.size();
  }
}
