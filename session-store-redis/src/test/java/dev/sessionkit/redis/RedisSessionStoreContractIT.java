package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;

/**
 * The whole store contract against one Redis server: {@code SESSIONKIT_REDIS_URI}, or a throwaway
 * embedded-redis server when it is unset. Every store shares one connection and has its own prefix.
 */
class RedisSessionStoreContractIT extends SessionStoreContract {

  @Override
  protected SessionStore newStore(StoreContext context) {
    return RedisSessionStore.builder()
        .connection(SharedRedis.connection())
        .keyPrefix(SharedRedis.freshPrefix())
        .create(context);
  }

  /** An attribute that is not JSON: only the store's decoding, not its scripts, can tell. */
  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    String redisKey = ((RedisSessionStore) store).layout().sessionKey(key);
    SharedRedis.connection().sync().hset(redisKey, "a:user", "{\"not\": json");
  }
}
