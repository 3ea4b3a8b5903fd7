package dev.sessionkit;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The store of sealed sessions: there is none on the server. Writes succeed without doing anything,
 * because the cookie set at commit carries the state; deletes can only clear the cookie.
 */
enum NoStore implements SessionStore {
  INSTANCE;

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    return Optional.empty();
  }

  @Override
  public void create(SessionRecord record) {}

  @Override
  public boolean apply(SessionDelta delta) {
    return true;
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return true;
  }

  @Override
  public boolean delete(SessionKey key) {
    return false;
  }
}
