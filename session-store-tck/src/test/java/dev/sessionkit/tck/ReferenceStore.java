package dev.sessionkit.tck;

import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The simplest store that keeps the contract: one map behind one lock. The kit's own tests run
 * against it to show that the contract is satisfiable, and subclasses break it on purpose.
 */
class ReferenceStore implements SessionStore, PrincipalSessions, SessionInventory, SessionRenewal {

  final Clock clock;
  final Map<SessionKey, SessionRecord> records = new HashMap<>();
  private final Set<SessionKey> corrupted = new HashSet<>();

  /** Renewed sessions' old keys: the new key and the end of the grace. */
  private final Map<SessionKey, Map.Entry<SessionKey, Instant>> forwards = new HashMap<>();

  ReferenceStore(Clock clock) {
    this.clock = clock;
  }

  /** The live record, or null; expired and unreadable ones are dropped as they are found. */
  SessionRecord live(SessionKey key) {
    if (corrupted.remove(key)) {
      records.remove(key);
    }
    SessionRecord record = records.get(key);
    if (record != null && record.isExpiredAt(clock.instant())) {
      records.remove(key);
      return null;
    }
    return record;
  }

  /** The key a call for {@code key} acts on: its own record's, else the one it forwards to. */
  SessionKey target(SessionKey key) {
    Map.Entry<SessionKey, Instant> forward = records.containsKey(key) ? null : forwards.get(key);
    if (forward == null || !clock.instant().isBefore(forward.getValue())) {
      forwards.remove(key);
      return key;
    }
    return forward.getKey();
  }

  @Override
  public synchronized boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    SessionRecord current = live(from);
    if (current == null) {
      return false;
    }
    records.remove(from);
    records.put(delta.key(), current.withKey(delta.key()).apply(delta));
    forwards.put(from, Map.entry(delta.key(), graceUntil));
    return true;
  }

  @Override
  public synchronized Optional<SessionRecord> load(SessionKey key) {
    return Optional.ofNullable(live(target(key)));
  }

  @Override
  public synchronized void create(SessionRecord record) {
    records.put(record.key(), record);
  }

  @Override
  public synchronized boolean apply(SessionDelta asked) {
    SessionDelta delta = asked.withKey(target(asked.key()));
    SessionRecord current = live(delta.key());
    if (current == null) {
      return false;
    }
    records.put(delta.key(), current.apply(delta));
    return true;
  }

  @Override
  public synchronized boolean touch(SessionKey asked, Instant lastAccessTime, Instant expiresAt) {
    SessionKey key = target(asked);
    SessionRecord current = live(key);
    if (current == null) {
      return false;
    }
    records.put(key, current.touch(lastAccessTime));
    return true;
  }

  @Override
  public synchronized boolean delete(SessionKey asked) {
    SessionKey key = target(asked);
    forwards.remove(asked);
    return live(key) != null && records.remove(key) != null;
  }

  @Override
  public synchronized List<SessionRecord> findByPrincipal(String principal) {
    List<SessionRecord> found = new ArrayList<>();
    for (SessionKey key : Set.copyOf(records.keySet())) {
      SessionRecord record = live(key);
      if (record != null && Objects.equals(principal, record.principal())) {
        found.add(record);
      }
    }
    return found;
  }

  @Override
  public synchronized List<SessionKey> deleteByPrincipal(String principal) {
    List<SessionKey> keys = findByPrincipal(principal).stream().map(SessionRecord::key).toList();
    records.keySet().removeAll(keys);
    return keys;
  }

  /** Marks a record as unreadable, as a backend holding bytes it cannot decode would have it. */
  synchronized void corrupt(SessionKey key) {
    corrupted.add(key);
  }

  @Override
  public synchronized Admission admit(
      String principal, SessionKey newcomer, int limit, boolean endOldest) {
    return CapRule.admit(
        findByPrincipal(principal), newcomer, limit, endOldest, key -> records.remove(key) != null);
  }

  @Override
  public synchronized long count() {
    return Set.copyOf(records.keySet()).stream().filter(k -> live(k) != null).count();
  }

  @Override
  public synchronized Page page(Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<SessionKey> keys =
        records.keySet().stream()
            .sorted(java.util.Comparator.comparing(SessionKey::value))
            .toList();
    String after = cursor.orElse("");
    List<SessionRecord> page = new ArrayList<>();
    String last = null;
    for (SessionKey key : keys) {
      if (key.value().compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == limit) {
        return new Page(page, Optional.of(last));
      }
      SessionRecord record = live(key);
      if (record != null) {
        page.add(record);
      }
      last = key.value();
    }
    return new Page(page, Optional.empty());
  }

  @Override
  public synchronized long clear() {
    long n = records.size();
    records.clear();
    forwards.clear();
    return n;
  }
}
