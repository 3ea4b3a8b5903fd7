package dev.sessionkit.examples;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The login flood against {@code SESSION_STORE=redis}, on the Redis of SESSIONKIT_REDIS_URI. */
class RedisLoginFloodIT extends LoginFloodContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String uri = System.getenv("SESSIONKIT_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      String message =
          "RedisLoginFloodIT skipped: no Redis. Set SESSIONKIT_REDIS_URI (for example"
              + " redis://127.0.0.1:6379) to run the login flood against Redis.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return Map.of("SESSION_STORE", "redis", "REDIS_URI", uri);
  }
}
