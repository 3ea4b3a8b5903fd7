package dev.sessionkit.examples.guide;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.SessionFilter;

/** Settings for running in production, as the README's "Operations" shows them. */
final class Operations {

  private Operations() {}

  static SessionFilter behindProxy(SessionManager sessions) {
    // [readme:filter-options]
    SessionFilter filter =
        SessionFilter.builder(sessions)
            .trustForwardedProto(true) // only behind a proxy that always sets X-Forwarded-Proto
            .onStoreFailure(
                (request, response, failure) -> response.sendRedirect("/maintenance.html"))
            .build();
    // [readme:filter-options-end]
    return filter;
  }

  static SessionConfig rotate(String current, String previous) {
    // [readme:rotation]
    SessionConfig config =
        SessionConfig.builder()
            .secret(current, previous) // the first signs; every one is accepted
            .build();
    // [readme:rotation-end]
    return config;
  }
}
