package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TwoNodeContract;
import java.util.Set;

/**
 * The kit's two-node contract: node A with the near cache on, node B a plain store, both on one
 * Redis under one key prefix. A's cache must drop what B changes as soon as Redis's invalidation
 * arrives, which the test awaits (bounded) before A reads again.
 */
class RedisNearCacheTwoNodeIT extends TwoNodeContract {

  @Override
  protected Nodes newNodes(StoreContext context) {
    String prefix = SharedRedis.freshPrefix();
    return new Nodes(
        RedisSessionStore.builder()
            .client(SharedRedis.client())
            .keyPrefix(prefix)
            .nearCache(1_000)
            .create(context),
        RedisSessionStore.builder()
            .connection(SharedRedis.connection())
            .keyPrefix(prefix)
            .create(context));
  }

  @Override
  protected void afterWrite(SessionStore reader, Set<SessionKey> keys, Runnable write) {
    NearCacheProbe.afterWrite((RedisSessionStore) reader, keys, write);
  }
}
