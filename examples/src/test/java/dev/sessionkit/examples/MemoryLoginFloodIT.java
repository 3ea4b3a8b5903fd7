package dev.sessionkit.examples;

import java.util.Map;

/** The login flood against {@code SESSION_STORE=memory}. */
class MemoryLoginFloodIT extends LoginFloodContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    return Map.of("SESSION_STORE", "memory");
  }
}
