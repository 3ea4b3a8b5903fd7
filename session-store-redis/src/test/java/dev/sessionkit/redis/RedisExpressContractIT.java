package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.SessionStoreContract;

/** The whole store contract for the connect-redis layout, on the Redis the tests share. */
class RedisExpressContractIT extends SessionStoreContract {

  private String prefix;

  @Override
  protected SessionStore newStore(StoreContext context) {
    prefix = SharedRedis.freshPrefix();
    return RedisSessionStore.builder()
        .connection(SharedRedis.connection())
        .keyPrefix(prefix)
        .expressLayout()
        .create(context);
  }

  @Override
  protected void corrupt(SessionStore store, SessionKey key) {
    SharedRedis.connection().sync().set(prefix + key.value(), "{\"cookie\": not json");
  }
}
