package dev.sessionkit;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain in-memory store for engine tests that counts every call it gets. It judges expiry by the
 * context's clock, as the contract asks, and reports an expired record it finds on load.
 */
class MapStore implements SessionStore, PrincipalSessions {

  final Map<SessionKey, SessionRecord> records = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger applies = new AtomicInteger();
  final AtomicInteger touches = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  private final StoreContext context;
  volatile RuntimeException failure;

  MapStore(StoreContext context) {
    this.context = context;
  }

  private Instant call() {
    calls.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return context.clock().instant();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Instant now = call();
    SessionRecord r = records.get(key);
    if (r != null && r.isExpiredAt(now) && records.remove(key, r)) {
      context.listener().expired(new SessionEvent(key, Optional.ofNullable(r.principal()), now));
      return Optional.empty();
    }
    return Optional.ofNullable(r);
  }

  @Override
  public void create(SessionRecord record) {
    call();
    creates.incrementAndGet();
    records.put(record.key(), record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Instant now = call();
    applies.incrementAndGet();
    return records.computeIfPresent(
            delta.key(), (k, r) -> r.isExpiredAt(now) ? null : r.apply(delta))
        != null;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Instant now = call();
    touches.incrementAndGet();
    return records.computeIfPresent(
            key, (k, r) -> r.isExpiredAt(now) ? null : r.touch(lastAccessTime))
        != null;
  }

  @Override
  public boolean delete(SessionKey key) {
    call();
    deletes.incrementAndGet();
    return records.remove(key) != null;
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    Instant now = call();
    return records.values().stream()
        .filter(r -> principal.equals(r.principal()) && !r.isExpiredAt(now))
        .toList();
  }

  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    List<SessionKey> keys = findByPrincipal(principal).stream().map(SessionRecord::key).toList();
    keys.forEach(records::remove);
    return keys;
  }

  @Override
  public synchronized Admission admit(
      String principal, SessionKey newcomer, int limit, boolean endOldest) {
    Instant now = call();
    List<SessionRecord> live =
        records.values().stream()
            .filter(r -> principal.equals(r.principal()) && !r.isExpiredAt(now))
            .sorted(java.util.Comparator.comparing(SessionRecord::lastAccessTime))
            .toList();
    int over = live.size() - limit;
    if (over <= 0) {
      return new Admission(true, List.of());
    }
    if (!endOldest) {
      SessionRecord refused = records.remove(newcomer);
      return new Admission(false, refused == null ? List.of() : List.of(refused));
    }
    List<SessionRecord> ended =
        live.stream().filter(r -> !r.key().equals(newcomer)).limit(over).toList();
    ended.forEach(r -> records.remove(r.key()));
    return new Admission(true, ended);
  }
}
