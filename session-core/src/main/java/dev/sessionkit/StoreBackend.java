package dev.sessionkit;

import java.time.Instant;
import java.util.Optional;

/** Sessions in a {@link SessionStore}, named by signed ids in the cookie. */
final class StoreBackend implements SessionBackend {

  private final SessionStore store;
  private final CookieSigner signer;

  StoreBackend(SessionStore store, CookieSigner signer) {
    this.store = store;
    this.signer = signer;
  }

  @Override
  public Optional<Opened> open(String cookieValue) {
    return signer
        .verify(cookieValue)
        .map(
            id -> {
              SessionKey key = id.key();
              // A store that hands back another key's record must never give this client that data.
              return new Opened(id, store.load(key).filter(r -> r.key().equals(key)));
            });
  }

  @Override
  public void create(SessionRecord record) {
    store.create(record);
  }

  @Override
  public boolean apply(SessionDelta delta) {
    return store.apply(delta);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    return store.touch(key, lastAccessTime, expiresAt);
  }

  @Override
  public void delete(SessionKey key) {
    store.delete(key);
  }

  @Override
  public int deleteByPrincipal(String principal) {
    return store.deleteByPrincipal(principal);
  }

  @Override
  public String cookieValue(SessionId id, SessionRecord record) {
    return signer.sign(id);
  }

  @Override
  public boolean cookieCarriesState() {
    return false;
  }
}
