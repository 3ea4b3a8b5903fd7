package dev.sessionkit.tck;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a correct store holds, as plainly as it can be said: a map from key to record. Expired
 * records stay in the map until deleted, because a store may drop them eagerly or lazily; liveness
 * is decided by the clock on every read. Not thread-safe; the stateful properties are sequential.
 */
final class StoreModel {

  /** What a delete of a key may answer. */
  enum Deletion {
    /** The record was live: the store must answer true. */
    LIVE,
    /** The record had expired: a store that removed it already answers false, else true. */
    EXPIRED,
    /** There was no record: the store must answer false. */
    ABSENT
  }

  private final Map<SessionKey, SessionRecord> records = new HashMap<>();

  /** Renewed sessions' old keys: where each leads, and until when (exclusive). */
  private final Map<SessionKey, Map.Entry<SessionKey, Instant>> forwards = new HashMap<>();

  /** The key a call for {@code key} acts on: its own, or the one its live forward leads to. */
  SessionKey target(SessionKey key, Instant now) {
    Map.Entry<SessionKey, Instant> forward = records.containsKey(key) ? null : forwards.get(key);
    return forward != null && now.isBefore(forward.getValue()) ? forward.getKey() : key;
  }

  /** The live record under {@code key} itself, never through a forward. */
  Optional<SessionRecord> liveOwn(SessionKey key, Instant now) {
    SessionRecord record = records.get(key);
    return record == null || record.isExpiredAt(now) ? Optional.empty() : Optional.of(record);
  }

  Optional<SessionRecord> live(SessionKey key, Instant now) {
    return liveOwn(target(key, now), now);
  }

  /** Moves a live record to the delta's key; the old key forwards to it until the grace ends. */
  boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil, Instant now) {
    Optional<SessionRecord> current = liveOwn(from, now);
    if (current.isEmpty()) {
      return false;
    }
    records.remove(from);
    records.put(delta.key(), current.get().withKey(delta.key()).apply(delta));
    forwards.put(from, Map.entry(delta.key(), graceUntil));
    return true;
  }

  void create(SessionRecord record) {
    records.put(record.key(), record);
  }

  boolean apply(SessionDelta delta, Instant now) {
    Optional<SessionRecord> current = live(delta.key(), now);
    current.ifPresent(r -> records.put(r.key(), r.apply(delta.withKey(r.key()))));
    return current.isPresent();
  }

  boolean touch(SessionKey key, Instant lastAccessTime, Instant now) {
    Optional<SessionRecord> current = live(key, now);
    current.ifPresent(r -> records.put(r.key(), r.touch(lastAccessTime)));
    return current.isPresent();
  }

  Deletion delete(SessionKey asked, Instant now) {
    SessionKey key = target(asked, now);
    forwards.remove(asked);
    SessionRecord removed = records.remove(key);
    if (removed == null) {
      return Deletion.ABSENT;
    }
    return removed.isExpiredAt(now) ? Deletion.EXPIRED : Deletion.LIVE;
  }

  Set<SessionKey> findByPrincipal(String principal, Instant now) {
    Set<SessionKey> keys = new HashSet<>();
    for (SessionRecord record : records.values()) {
      if (Objects.equals(principal, record.principal()) && !record.isExpiredAt(now)) {
        keys.add(record.key());
      }
    }
    return keys;
  }

  /** Counts the principal's records, expired ones included: the most a store may delete. */
  int countIncludingExpired(String principal) {
    return (int)
        records.values().stream().filter(r -> Objects.equals(principal, r.principal())).count();
  }

  void deleteByPrincipal(String principal) {
    records.values().removeIf(r -> Objects.equals(principal, r.principal()));
  }
}
