package dev.sessionkit.memory;

import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The memory store's per-principal cap and inventory. Admissions of one principal are serialized by
 * a lock chosen by the principal's hash, so the last of any number of parallel logins sees every
 * session written before it; the inventory reads the cache's map, pages ordered by key.
 * Thread-safe.
 */
final class CapAndInventory {

  private static final int STRIPES = 64;

  private final ConcurrentMap<MemoryKey, MemoryKey> map;
  private final Clock clock;
  private final Function<String, List<SessionRecord>> findByPrincipal;
  private final BiPredicate<MemoryKey, String> deleteIf;
  private final Object[] locks = new Object[STRIPES];

  CapAndInventory(
      ConcurrentMap<MemoryKey, MemoryKey> map,
      Clock clock,
      Function<String, List<SessionRecord>> findByPrincipal,
      BiPredicate<MemoryKey, String> deleteIf) {
    this.map = map;
    this.clock = clock;
    this.findByPrincipal = findByPrincipal;
    this.deleteIf = deleteIf;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    CapRule.checkLimit(limit);
    synchronized (locks[Math.floorMod(principal.hashCode(), STRIPES)]) {
      return CapRule.admit(
          findByPrincipal.apply(principal),
          newcomer,
          limit,
          endOldest,
          key -> deleteIf.test(MemoryKey.of(key), principal));
    }
  }

  long count() {
    long now = clock.millis();
    long live = 0;
    for (MemoryKey holder : map.values()) {
      byte[] packed = holder.bytes();
      if (packed != null && now < Packed.expiresAt(packed)) {
        live++;
      }
    }
    return live;
  }

  SessionInventory.Page page(Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    String after = cursor.orElse("");
    if (!after.isEmpty() && !after.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a cursor of this store");
    }
    long now = clock.millis();
    // Keys in order, so that a session live throughout appears exactly once across pages.
    List<SessionKey> keys = new ArrayList<>();
    for (MemoryKey key : map.keySet()) {
      SessionKey k = key.toSessionKey();
      if (k.value().compareTo(after) > 0) {
        keys.add(k);
      }
    }
    keys.sort(Comparator.comparing(SessionKey::value));
    List<SessionRecord> records = new ArrayList<>();
    for (SessionKey key : keys) {
      if (records.size() == limit) {
        return new SessionInventory.Page(records, Optional.of(after));
      }
      MemoryKey holder = map.get(MemoryKey.of(key));
      byte[] packed = holder == null ? null : holder.bytes();
      if (packed != null && now < Packed.expiresAt(packed)) {
        records.add(Packed.toRecord(key, packed));
      }
      after = key.value();
    }
    return new SessionInventory.Page(records, Optional.empty());
  }

  long clear() {
    long cleared = 0;
    for (MemoryKey key : List.copyOf(map.keySet())) {
      if (deleteIf.test(key, null)) {
        cleared++;
      }
    }
    return cleared;
  }
}
