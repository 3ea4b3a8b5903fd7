package dev.sessionkit;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Delegates to a {@link MapStore}, so that tests can add capabilities by subclassing. */
class MapStoreAdapter implements SessionStore {
  private final MapStore delegate;

  MapStoreAdapter(MapStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    return delegate.load(key);
  }

  @Override
  public void create(SessionRecord record) {
    delegate.create(record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    return delegate.apply(delta);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return delegate.touch(key, lastAccessTime, expiresAt);
  }

  @Override
  public boolean delete(SessionKey key) {
    return delegate.delete(key);
  }

  @Override
  public Set<SessionKey> findByPrincipal(String principal) {
    return delegate.findByPrincipal(principal);
  }

  @Override
  public int deleteByPrincipal(String principal) {
    return delegate.deleteByPrincipal(principal);
  }
}
