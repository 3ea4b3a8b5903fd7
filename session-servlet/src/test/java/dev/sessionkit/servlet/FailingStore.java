package dev.sessionkit.servlet;

import dev.sessionkit.SessionDelta;
import dev.sessionkit.SessionKey;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionStoreTimeoutException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store whose backend can be switched off: while down, every call throws as a real store does
 * when its server stops answering. There is no server to stand in for, so this is the real thing.
 */
final class FailingStore implements SessionStore {

  private final SessionStore delegate;
  final AtomicBoolean down = new AtomicBoolean();

  FailingStore(SessionStore delegate) {
    this.delegate = delegate;
  }

  private void check(SessionKey key) {
    if (down.get()) {
      // The message names the key (safe to log), as store messages may.
      throw new SessionStoreTimeoutException(
          "backend did not answer within 100ms for " + (key == null ? "a query" : key), null);
    }
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    check(key);
    return delegate.load(key);
  }

  @Override
  public void create(SessionRecord record) {
    check(record.key());
    delegate.create(record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    check(delta.key());
    return delegate.apply(delta);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    check(key);
    return delegate.touch(key, lastAccessTime, expiresAt);
  }

  @Override
  public boolean delete(SessionKey key) {
    check(key);
    return delegate.delete(key);
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    check(null);
    return delegate.findByPrincipal(principal);
  }

  @Override
  public int deleteByPrincipal(String principal) {
    check(null);
    return delegate.deleteByPrincipal(principal);
  }
}
