package dev.sessionkit.examples;

import java.util.Map;

/**
 * The flow with {@code SESSION_STORE=cookie}: sealed client-side sessions, nothing stored on the
 * server. Login, protected resource and logout work as with a store; a cookie copied before logout
 * stays valid until it expires, the documented price of keeping no server state.
 */
class CookieLoginFlowIT extends LoginFlowContract {

  @Override
  protected Map<String, String> storeEnvironment() {
    return Map.of("SESSION_STORE", "cookie");
  }

  @Override
  protected boolean serverCanRevoke() {
    return false;
  }
}
