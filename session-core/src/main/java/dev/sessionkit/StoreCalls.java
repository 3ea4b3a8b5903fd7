package dev.sessionkit;

import dev.sessionkit.spi.PrincipalSessions;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's only way to the store: every call to the {@link SessionStore} and to its optional
 * capabilities ({@link SessionRenewal}, {@link PrincipalSessions}, {@link SessionInventory}) goes
 * through here, and each is timed and reported to {@link SessionListener#storeCalled}, failures
 * included, so listings and the cap are metered as loads are. Thread-safe when the store is.
 */
final class StoreCalls {

  private static final System.Logger LOG = System.getLogger(StoreCalls.class.getName());

  private final SessionStore store;
  // Null when nobody listens, or for sealed sessions (no store on the server, nothing to time).
  private final SessionListener listener;
  private final SessionRenewal renewal;
  private final PrincipalSessions principals;
  private final SessionInventory inventory;

  StoreCalls(SessionStore store, SessionListener listener) {
    this.store = store;
    this.listener = listener == SessionListener.NONE || store == NoStore.INSTANCE ? null : listener;
    this.renewal = store instanceof SessionRenewal r ? r : null;
    this.principals = store instanceof PrincipalSessions p ? p : null;
    this.inventory = store instanceof SessionInventory i ? new Inventory(i) : null;
  }

  /** Whether the store can move a session to a new id with a grace for the old one. */
  boolean canRenew() {
    return renewal != null;
  }

  /** Whether the store indexes sessions by principal. */
  boolean indexesPrincipals() {
    return principals != null;
  }

  /** The store's inventory, every call timed; empty when the store has none. */
  Optional<SessionInventory> inventory() {
    return Optional.ofNullable(inventory);
  }

  /** Whether the store keys records by the raw id (express-compatible layouts). */
  boolean keysByRawId() {
    return store.keysByRawId();
  }

  Optional<SessionRecord> load(SessionKey key) {
    return timed(StoreOperation.LOAD, () -> store.load(key));
  }

  void create(SessionRecord record) {
    timed(
        StoreOperation.CREATE,
        () -> {
          store.create(record);
          return null;
        });
  }

  boolean apply(SessionDelta delta) {
    return timed(StoreOperation.APPLY, () -> store.apply(delta));
  }

  boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return timed(StoreOperation.TOUCH, () -> store.touch(key, lastAccessTime, expiresAt));
  }

  boolean delete(SessionKey key) {
    return timed(StoreOperation.DELETE, () -> store.delete(key));
  }

  /** Needs {@link #canRenew()}. */
  boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    return timed(StoreOperation.RENEW, () -> renewal.renew(from, delta, graceUntil));
  }

  /** Needs {@link #indexesPrincipals()}. */
  List<SessionRecord> findByPrincipal(String principal) {
    return timed(StoreOperation.FIND_BY_PRINCIPAL, () -> principals.findByPrincipal(principal));
  }

  /** Needs {@link #indexesPrincipals()}. */
  List<SessionKey> deleteByPrincipal(String principal) {
    return timed(StoreOperation.DELETE_BY_PRINCIPAL, () -> principals.deleteByPrincipal(principal));
  }

  /** Needs {@link #indexesPrincipals()}. */
  PrincipalSessions.Admission admit(
      String principal, SessionKey newcomer, int limit, boolean endOldest) {
    return timed(
        StoreOperation.ADMIT, () -> principals.admit(principal, newcomer, limit, endOldest));
  }

  void close() {
    store.close();
  }

  private <T> T timed(StoreOperation operation, Supplier<T> call) {
    if (listener == null) {
      // Untimed: a failure still says which operation failed, for the log that reports it.
      try {
        return call.get();
      } catch (SessionStoreException e) {
        e.failedIn(operation, null);
        throw e;
      }
    }
    long start = System.nanoTime();
    try {
      T result = call.get();
      report(operation, Duration.ofNanos(System.nanoTime() - start), null);
      return result;
    } catch (RuntimeException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (e instanceof SessionStoreException failure) {
        failure.failedIn(operation, took);
      }
      report(operation, took, e);
      throw e;
    }
  }

  private void report(StoreOperation operation, Duration took, Throwable failure) {
    try {
      listener.storeCalled(operation, took, failure);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session listener failed on a store call", e);
    }
  }

  /** The store's inventory as applications reach it: each call timed like the engine's own. */
  private final class Inventory implements SessionInventory {

    private final SessionInventory store;

    Inventory(SessionInventory store) {
      this.store = store;
    }

    @Override
    public long count() {
      return timed(StoreOperation.COUNT, store::count);
    }

    @Override
    public boolean countIsCheap() {
      return store.countIsCheap();
    }

    @Override
    public Page page(Optional<String> cursor, int limit) {
      return timed(StoreOperation.PAGE, () -> store.page(cursor, limit));
    }

    @Override
    public long clear() {
      return timed(StoreOperation.CLEAR, store::clear);
    }
  }
}
