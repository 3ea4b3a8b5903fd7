package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;
import java.util.Set;

/**
 * The whole store contract with the near cache on, against the same server as {@link
 * RedisSessionStoreContractIT}: every store opens its own connections (the cache needs one with
 * tracking on) from one shared client.
 */
class RedisNearCacheContractIT extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    return RedisSessionStore.builder()
        .client(SharedRedis.client())
        .keyPrefix(SharedRedis.freshPrefix())
        .nearCache(1_000)
        .create(context);
  }

  /**
   * Written behind the store's back, after the store has kept the record: Redis's push must drop
   * the kept copy, so that the kit's next load finds the corrupt record.
   */
  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    store.load(key);
    String redisKey = ((RedisSessionStore) store).layout().sessionKey(key);
    NearCacheProbe.afterWrite(
        (RedisSessionStore) store,
        Set.of(key),
        () -> SharedRedis.connection().sync().hset(redisKey, "a:user", "{\"not\": json"));
  }
}
