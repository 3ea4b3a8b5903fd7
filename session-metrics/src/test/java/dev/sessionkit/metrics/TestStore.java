package dev.sessionkit.metrics;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small in-memory store for these tests, with every capability the meters use: it finds sessions
 * by principal, counts them ({@link #countIsCheap} as configured), reports expiry on load as the
 * contract asks, drops its oldest session past {@link #maximumSize} and reports the eviction, and
 * throws {@link #failure} from every call while it is set. Judges expiry by the context's clock.
 */
final class TestStore implements SessionStore, PrincipalSessions, SessionInventory {

  private final StoreContext context;
  private final int maximumSize;
  private final boolean countIsCheap;
  private final Map<SessionKey, SessionRecord> records = new HashMap<>();

  /** Every key this store was ever asked to write. */
  final Set<SessionKey> keysSeen = ConcurrentHashMap.newKeySet();

  volatile RuntimeException failure;

  TestStore(StoreContext context, int maximumSize, boolean countIsCheap) {
    this.context = context;
    this.maximumSize = maximumSize;
    this.countIsCheap = countIsCheap;
  }

  private Instant call() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    return context.clock().instant();
  }

  @Override
  public synchronized Optional<SessionRecord> load(SessionKey key) {
    Instant now = call();
    SessionRecord r = records.get(key);
    if (r != null && r.isExpiredAt(now)) {
      records.remove(key);
      context.listener().expired(new SessionEvent(key, r.principalIfAny(), now));
      return Optional.empty();
    }
    return Optional.ofNullable(r);
  }

  @Override
  public synchronized void create(SessionRecord record) {
    Instant now = call();
    keysSeen.add(record.key());
    records.put(record.key(), record);
    while (records.size() > maximumSize) {
      SessionRecord oldest =
          records.values().stream()
              .filter(r -> !r.key().equals(record.key()))
              .min(Comparator.comparing(SessionRecord::creationTime))
              .orElseThrow();
      records.remove(oldest.key());
      context.listener().evicted(new SessionEvent(oldest.key(), oldest.principalIfAny(), now));
    }
  }

  @Override
  public synchronized boolean apply(SessionDelta delta) {
    Instant now = call();
    SessionRecord r = records.get(delta.key());
    if (r == null || r.isExpiredAt(now)) {
      return false;
    }
    records.put(r.key(), r.apply(delta));
    return true;
  }

  @Override
  public synchronized boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Instant now = call();
    SessionRecord r = records.get(key);
    if (r == null || r.isExpiredAt(now)) {
      return false;
    }
    records.put(key, r.touch(lastAccessTime));
    return true;
  }

  @Override
  public synchronized boolean delete(SessionKey key) {
    call();
    return records.remove(key) != null;
  }

  @Override
  public synchronized List<SessionRecord> findByPrincipal(String principal) {
    Instant now = call();
    return records.values().stream()
        .filter(r -> principal.equals(r.principal()) && !r.isExpiredAt(now))
        .toList();
  }

  @Override
  public synchronized List<SessionKey> deleteByPrincipal(String principal) {
    List<SessionKey> keys = findByPrincipal(principal).stream().map(SessionRecord::key).toList();
    keys.forEach(records::remove);
    return keys;
  }

  @Override
  public synchronized Admission admit(
      String principal, SessionKey newcomer, int limit, boolean endOldest) {
    List<SessionRecord> live =
        findByPrincipal(principal).stream()
            .sorted(Comparator.comparing(SessionRecord::lastAccessTime))
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

  @Override
  public synchronized long count() {
    Instant now = call();
    return records.values().stream().filter(r -> !r.isExpiredAt(now)).count();
  }

  @Override
  public boolean countIsCheap() {
    return countIsCheap;
  }

  @Override
  public synchronized Page page(Optional<String> cursor, int limit) {
    return new Page(List.copyOf(records.values()), Optional.empty());
  }

  @Override
  public synchronized long clear() {
    long n = records.size();
    records.clear();
    return n;
  }
}
