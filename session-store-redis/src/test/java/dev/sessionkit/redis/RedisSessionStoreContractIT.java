package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.tck.SessionStoreContract;
import dev.sessionkit.tck.TestClock;

/**
 * The whole store contract against one Redis server: {@code SESSIONKIT_REDIS_URI}, or a throwaway
 * embedded-redis server when it is unset. Every store shares one connection and has its own prefix.
 */
class RedisSessionStoreContractIT extends SessionStoreContract {

  @Override
  protected SessionStore newStore(TestClock clock) {
    return RedisSessionStore.builder()
        .connection(SharedRedis.connection())
        .keyPrefix(SharedRedis.freshPrefix())
        .clock(clock)
        .build();
  }
}
