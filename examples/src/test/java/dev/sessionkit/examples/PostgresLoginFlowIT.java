package dev.sessionkit.examples;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The flow with {@code SESSION_STORE=jdbc} on the PostgreSQL named by SESSIONKIT_POSTGRES_URL, in
 * the store's default table, as a deployment would run it.
 */
class PostgresLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String url = System.getenv("SESSIONKIT_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      String message =
          "PostgresLoginFlowIT skipped: no PostgreSQL. Set SESSIONKIT_POSTGRES_URL (for example"
              + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run the example against"
              + " it.";
      System.err.println(message);
      Assumptions.assumeTrue(false, message);
    }
    return Map.of("SESSION_STORE", "jdbc", "JDBC_URL", url);
  }
}
