package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows this store read or wrote last, with their versions, for databases that compare and swap:
 * the engine loads a session and applies its delta on the same node, so the swap can start from the
 * row it loaded instead of reading it again. Only a hint; a stale entry costs a failed swap and a
 * re-read, never a lost update. Bounded, least recently used first out; a capacity of zero keeps
 * nothing (databases that merge in place need no hints). Thread-safe.
 */
final class RecentRows {

  private final int capacity;
  private final Map<SessionKey, VersionedRecord> rows;

  RecentRows(int capacity) {
    this.capacity = capacity;
    this.rows =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<SessionKey, VersionedRecord> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized VersionedRecord get(SessionKey key) {
    return rows.get(key);
  }

  void put(VersionedRecord row) {
    if (capacity == 0) {
      return;
    }
    synchronized (this) {
      rows.put(row.record().key(), row);
    }
  }

  void remove(SessionKey key) {
    if (capacity == 0) {
      return;
    }
    synchronized (this) {
      rows.remove(key);
    }
  }
}
