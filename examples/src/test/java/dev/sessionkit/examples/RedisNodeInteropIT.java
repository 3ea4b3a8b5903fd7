package dev.sessionkit.examples;

import java.util.Map;

/** Node and Java sharing logins on the Redis named by SESSIONKIT_REDIS_URI (connect-redis). */
class RedisNodeInteropIT extends NodeInteropContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = System.getenv("SESSIONKIT_REDIS_URI");
    skip(
        uri == null || uri.isBlank(),
        "RedisNodeInteropIT skipped: no Redis. Set SESSIONKIT_REDIS_URI (for example"
            + " redis://127.0.0.1:6379) to run it.");
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }

  @Override
  protected Map<String, String> nodeEnvironment(Map<String, String> store) {
    return store;
  }
}
