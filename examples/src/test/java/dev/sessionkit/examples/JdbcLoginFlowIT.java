package dev.sessionkit.examples;

import java.util.Map;
import java.util.UUID;

/**
 * The flow with {@code SESSION_STORE=jdbc} on an in-process H2 database: the JDBC path of the
 * example runs on every machine, no database server needed.
 */
class JdbcLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    return Map.of(
        "SESSION_STORE",
        "jdbc",
        "JDBC_URL",
        "jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
