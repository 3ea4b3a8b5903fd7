package dev.sessionkit;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
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
class MapStore implements SessionStore, PrincipalSessions, SessionRenewal {

  final Map<SessionKey, SessionRecord> records = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger applies = new AtomicInteger();
  final AtomicInteger touches = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger renewals = new AtomicInteger();
  final Map<SessionKey, Forward> forwards = new ConcurrentHashMap<>();
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

  /** Gives a stored record these attributes, as another program sharing the store writes them. */
  void writeAttributes(SessionRecord stored, Map<String, String> attributes) {
    records.put(
        stored.key(),
        new SessionRecord(
            stored.key(),
            stored.creationTime(),
            stored.lastAccessTime(),
            stored.idleTimeout(),
            stored.absoluteDeadline(),
            stored.principal(),
            attributes));
  }

  /** A renewed session's old key, leading to its new one until a deadline. */
  record Forward(SessionKey to, Instant until) {}

  /** The key a call for {@code key} acts on: its own record, else the one it forwards to. */
  private SessionKey follow(SessionKey key, Instant now) {
    Forward f = records.containsKey(key) ? null : forwards.get(key);
    return f != null && now.isBefore(f.until()) ? f.to() : key;
  }

  @Override
  public synchronized boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    Instant now = call();
    renewals.incrementAndGet();
    SessionRecord r = records.get(from);
    if (r == null || r.isExpiredAt(now)) {
      return false;
    }
    records.put(delta.key(), r.withKey(delta.key()).apply(delta));
    records.remove(from);
    forwards.put(from, new Forward(delta.key(), graceUntil));
    return true;
  }

  @Override
  public Optional<SessionRecord> load(SessionKey asked) {
    Instant now = call();
    SessionKey key = follow(asked, now);
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
  public synchronized boolean apply(SessionDelta asked) {
    Instant now = call();
    applies.incrementAndGet();
    SessionDelta delta = asked.withKey(follow(asked.key(), now));
    return records.computeIfPresent(
            delta.key(), (k, r) -> r.isExpiredAt(now) ? null : r.apply(delta))
        != null;
  }

  @Override
  public synchronized boolean touch(SessionKey asked, Instant lastAccessTime, Instant expiresAt) {
    Instant now = call();
    touches.incrementAndGet();
    return records.computeIfPresent(
            follow(asked, now), (k, r) -> r.isExpiredAt(now) ? null : r.touch(lastAccessTime))
        != null;
  }

  @Override
  public synchronized boolean delete(SessionKey key) {
    Instant now = call();
    deletes.incrementAndGet();
    SessionKey target = follow(key, now);
    forwards.remove(key);
    return records.remove(target) != null;
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
