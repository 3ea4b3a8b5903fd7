package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import java.util.Map;

/**
 * The flow with {@code SESSION_STORE=redis} and {@code REDIS_NEAR_CACHE=true}, against the Redis of
 * {@link TestServers}: logging out, expiry and the protected list behave as without it.
 */
class RedisNearCacheLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = TestServers.redisUri("RedisNearCacheLoginFlowIT");
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri, "REDIS_NEAR_CACHE", "true");
  }
}
