package dev.sessionkit.examples.guide;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.SessionFilter;

/** Settings for running in production: a filter behind a proxy, a rotated secret. */
final class Operations {

  private Operations() {}

  static SessionFilter behindProxy(SessionManager sessions) {
    SessionFilter filter =
        SessionFilter.builder(sessions)
            .trustForwardedProto(true) // only behind a proxy that always sets X-Forwarded-Proto
            .onStoreFailure(
                (request, response, failure) -> response.sendRedirect("/maintenance.html"))
            .build();
    return filter;
  }

  static SessionConfig rotate(String current, String previous) {
    SessionConfig config =
        SessionConfig.builder()
            .secret(current, previous) // the first signs; every one is accepted
            .build();
    return config;
  }
}
