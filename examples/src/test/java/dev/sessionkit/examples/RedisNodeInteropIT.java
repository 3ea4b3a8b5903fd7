package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import java.util.Map;

/** Node and Java sharing logins on the tests' Redis (connect-redis, {@link TestServers}). */
class RedisNodeInteropIT extends NodeInteropContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = TestServers.redisUri("RedisNodeInteropIT");
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }

  @Override
  protected boolean indexesSessions() {
    return true;
  }

  @Override
  protected Map<String, String> nodeEnvironment(Map<String, String> store) {
    return store;
  }
}
