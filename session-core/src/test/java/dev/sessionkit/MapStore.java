package dev.sessionkit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A plain in-memory store for engine tests that counts every call it gets. */
final class MapStore implements SessionStore {

  final Map<SessionKey, SessionRecord> records = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger applies = new AtomicInteger();
  final AtomicInteger touches = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  private final Clock clock;
  volatile RuntimeException failure;

  MapStore(Clock clock) {
    this.clock = clock;
  }

  private void call() {
    calls.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    call();
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public void create(SessionRecord record) {
    call();
    creates.incrementAndGet();
    records.put(record.key(), record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    call();
    applies.incrementAndGet();
    Instant now = clock.instant();
    return records.computeIfPresent(
            delta.key(), (k, r) -> r.isExpiredAt(now) ? null : r.apply(delta))
        != null;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    call();
    touches.incrementAndGet();
    return records.computeIfPresent(key, (k, r) -> r.touch(lastAccessTime)) != null;
  }

  @Override
  public boolean delete(SessionKey key) {
    call();
    deletes.incrementAndGet();
    return records.remove(key) != null;
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    call();
    return records.values().stream()
        .filter(r -> principal.equals(r.principal()))
        .map(SessionRecord::key)
        .collect(Collectors.toSet());
  }

  @Override
  public int deleteByPrincipal(String principal) {
    Set<SessionKey> keys = findByPrincipal(principal);
    keys.forEach(records::remove);
    return keys.size();
  }
}
