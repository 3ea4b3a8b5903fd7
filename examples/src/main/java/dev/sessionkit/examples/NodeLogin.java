package dev.sessionkit.examples;

import dev.sessionkit.Session;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * With {@code SESSION_COMPAT=express}: a session a Node app logged in holds the user's name in the
 * attribute {@code user} but no principal (express-session has none), so the principal is taken
 * from it on the first request here, and {@code RequireSession} and {@code /api/me} see the login.
 */
final class NodeLogin implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      Optional<Session> session = Sessions.current(http);
      if (session.isPresent() && session.get().principal().isEmpty()) {
        session.get().get(Logins.NAME, String.class).ifPresent(session.get()::setPrincipal);
      }
    }
    chain.doFilter(request, response);
  }
}
