package dev.sessionkit.examples;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The flow with {@code SESSION_STORE=redis} and {@code REDIS_NEAR_CACHE=true}, against the Redis
 * named by SESSIONKIT_REDIS_URI: logging out, expiry and the protected list behave as without it.
 */
class RedisNearCacheLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = System.getenv("SESSIONKIT_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      String message =
          "RedisNearCacheLoginFlowIT skipped: no Redis. Set SESSIONKIT_REDIS_URI (for example"
              + " redis://127.0.0.1:6379) to run the example against Redis with the near cache.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri, "REDIS_NEAR_CACHE", "true");
  }
}
