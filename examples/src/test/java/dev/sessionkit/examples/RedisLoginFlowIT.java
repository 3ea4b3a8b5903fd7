package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import java.util.Map;

/** The flow with {@code SESSION_STORE=redis}, against the tests' Redis ({@link TestServers}). */
class RedisLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = TestServers.redisUri("RedisLoginFlowIT");
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }
}
