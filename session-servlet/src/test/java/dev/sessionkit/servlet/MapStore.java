package dev.sessionkit.servlet;

import dev.sessionkit.SessionDelta;
import dev.sessionkit.SessionKey;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A small, unbounded in-process store for the adapter tests; counts its loads. */
final class MapStore implements SessionStore {

  private final ConcurrentMap<SessionKey, SessionRecord> records = new ConcurrentHashMap<>();
  private final Clock clock;
  final AtomicInteger loads = new AtomicInteger();

  MapStore(Clock clock) {
    this.clock = clock;
  }

  private boolean live(SessionRecord r) {
    return r != null && !r.isExpiredAt(clock.instant());
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    loads.incrementAndGet();
    SessionRecord r = records.get(key);
    return live(r) ? Optional.of(r) : Optional.empty();
  }

  @Override
  public void create(SessionRecord record) {
    records.put(record.key(), record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    boolean[] applied = {false};
    records.computeIfPresent(
        delta.key(),
        (k, r) -> {
          if (!live(r)) {
            return null;
          }
          applied[0] = true;
          return r.apply(delta);
        });
    return applied[0];
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    boolean[] touched = {false};
    records.computeIfPresent(
        key,
        (k, r) -> {
          if (!live(r)) {
            return null;
          }
          touched[0] = true;
          return r.touch(lastAccessTime);
        });
    return touched[0];
  }

  @Override
  public boolean delete(SessionKey key) {
    return records.remove(key) != null;
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    return records.values().stream()
        .filter(r -> live(r) && principal.equals(r.principal()))
        .map(SessionRecord::key)
        .collect(Collectors.toSet());
  }

  @Override
  public int deleteByPrincipal(String principal) {
    int n = 0;
    for (SessionKey key : findByPrincipal(principal)) {
      n += delete(key) ? 1 : 0;
    }
    return n;
  }

  boolean contains(SessionKey key) {
    return live(records.get(key));
  }
}
