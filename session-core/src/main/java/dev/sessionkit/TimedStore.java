package dev.sessionkit;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store as the engine calls it when a listener is set: each call is timed and reported to
 * {@link SessionListener#storeCalled}, failures included. Capabilities ({@code PrincipalSessions},
 * {@code SessionInventory}) are reached on the store itself, not through this.
 */
final class TimedStore implements SessionStore {

  private static final System.Logger LOG = System.getLogger(TimedStore.class.getName());

  private final SessionStore store;
  private final SessionListener listener;

  TimedStore(SessionStore store, SessionListener listener) {
    this.store = store;
    this.listener = listener;
  }

  private <T> T timed(StoreOperation operation, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T result = call.get();
      report(operation, start, null);
      return result;
    } catch (RuntimeException e) {
      report(operation, start, e);
      throw e;
    }
  }

  private void report(StoreOperation operation, long start, Throwable failure) {
    try {
      listener.storeCalled(operation, Duration.ofNanos(System.nanoTime() - start), failure);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session listener failed on a store call", e);
    }
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    return timed(StoreOperation.LOAD, () -> store.load(key));
  }

  @Override
  public void create(SessionRecord record) {
    timed(
        StoreOperation.CREATE,
        () -> {
          store.create(record);
          return null;
        });
  }

  @Override
  public boolean apply(SessionDelta delta) {
    return timed(StoreOperation.APPLY, () -> store.apply(delta));
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return timed(StoreOperation.TOUCH, () -> store.touch(key, lastAccessTime, expiresAt));
  }

  @Override
  public boolean delete(SessionKey key) {
    return timed(StoreOperation.DELETE, () -> store.delete(key));
  }

  /** Times a renewal, which the store offers through its {@link SessionRenewal} capability. */
  boolean renew(SessionRenewal renewal, SessionKey from, SessionDelta delta, Instant graceUntil) {
    return timed(StoreOperation.RENEW, () -> renewal.renew(from, delta, graceUntil));
  }

  @Override
  public void close() {
    store.close();
  }
}
