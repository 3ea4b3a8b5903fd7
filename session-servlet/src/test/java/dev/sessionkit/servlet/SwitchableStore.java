package dev.sessionkit.servlet;

import dev.sessionkit.SessionStoreTimeoutException;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store behind a switch: while down, every call throws as a store does when its server stops
 * answering (there is no server to stand in for). Counts loads, to show which requests reach it.
 */
final class SwitchableStore implements SessionStore, SessionRenewal {

  private final SessionStore delegate;
  final AtomicBoolean down = new AtomicBoolean();
  final AtomicInteger loads = new AtomicInteger();

  SwitchableStore(SessionStore delegate) {
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
    loads.incrementAndGet();
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
  public boolean renew(SessionKey from, SessionDelta delta, Instant graceUntil) {
    check(from);
    return ((SessionRenewal) delegate).renew(from, delta, graceUntil);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
