package dev.sessionkit.examples;

import dev.sessionkit.testsupport.TestServers;
import java.util.Map;

/**
 * The flow with {@code SESSION_STORE=jdbc} on the tests' PostgreSQL ({@link TestServers}), in the
 * store's default table, as a deployment would run it.
 */
class PostgresLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    String url = TestServers.postgresUrl("PostgresLoginFlowIT");
    return Map.of("SESSION_STORE", "jdbc", "JDBC_URL", url);
  }
}
