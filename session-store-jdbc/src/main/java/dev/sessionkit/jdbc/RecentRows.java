package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows this store read or wrote last, with their versions, for databases that compare and swap:
 * the engine loads a session and applies its delta on the same node, so the swap can start from the
 * row it loaded instead of reading it again. Only a hint; a stale entry costs a failed swap and a
 * re-read, never a lost update. Bounded, least recently used first out. Thread-safe.
 */
final class RecentRows {

  private final Map<SessionKey, SessionTable.Row> rows;

  RecentRows(int capacity) {
    this.rows =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<SessionKey, SessionTable.Row> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized SessionTable.Row get(SessionKey key) {
    return rows.get(key);
  }

  synchronized void put(SessionTable.Row row) {
    rows.put(row.record().key(), row);
  }

  synchronized void remove(SessionKey key) {
    rows.remove(key);
  }
}
