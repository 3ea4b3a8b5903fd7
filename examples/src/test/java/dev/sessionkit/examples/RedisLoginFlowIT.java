package dev.sessionkit.examples;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The flow with {@code SESSION_STORE=redis}, against the Redis named by SESSIONKIT_REDIS_URI. */
class RedisLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = System.getenv("SESSIONKIT_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      String message =
          "RedisLoginFlowIT skipped: no Redis. Set SESSIONKIT_REDIS_URI (for example"
              + " redis://127.0.0.1:6379) to run the example against Redis.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }
}
