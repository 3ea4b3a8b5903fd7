package dev.sessionkit.spring.boot;

import dev.sessionkit.Session;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Makes the session's principal follow Spring Security's authentication, with no application code.
 * Spring Security keeps a logged-in user's {@link SecurityContext} in the {@code HttpSession} under
 * {@value HttpSessionSecurityContextRepository#SPRING_SECURITY_CONTEXT_KEY}, whichever way they
 * logged in (form login, HTTP Basic with sessions, OAuth2 login, remember-me). This filter, between
 * SessionKit's filter and Spring Security's chain, watches that one attribute: when it is set, the
 * session's principal becomes {@link Authentication#getName()}, in the same request, so the
 * per-principal cap and index see the login when the session is written; when it is removed, the
 * principal is cleared. A logout that invalidates the session ends the principal with it.
 *
 * <p>The principal is set before the context is stored, so a login the cap refuses ({@code
 * sessionkit.cap-policy=refuse}) stores nothing. Thread-safe: it keeps no state.
 */
final class SecurityPrincipalFilter implements Filter {

  private static final String CONTEXT_KEY =
      HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

  /**
   * The request this filter is passing down the chain on this thread, for {@link
   * SessionKitSessionRegistry#getSessionInformation}, which Spring Security calls with a session id
   * only: it then reads the request's own session, already loaded, instead of asking the store.
   */
  private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest outer = CURRENT.get();
    CURRENT.set(http);
    try {
      chain.doFilter(new Request(http), response);
    } finally {
      // An include or forward runs this filter again inside the outer request: give it back.
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The request this filter is passing on on this thread, if it is. */
  static Optional<HttpServletRequest> currentRequest() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The principal an authentication stands for: nobody for none, an anonymous or unproven one. */
  static String principalOf(Object context) {
    if (!(context instanceof SecurityContext security)) {
      return null;
    }
    Authentication authentication = security.getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return authentication.getName();
  }

  /** Hands out the watching view of the session. */
  private static final class Request extends HttpServletRequestWrapper {

    Request(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpSession getSession(boolean create) {
      HttpSession session = super.getSession(create);
      return session == null ? null : new WatchedSession(session, this);
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }
  }

  /** The session, with the security context's writes passed on to the principal. */
  private static final class WatchedSession extends DelegatingHttpSession {

    private final HttpServletRequest request;

    WatchedSession(HttpSession session, HttpServletRequest request) {
      super(session);
      this.request = request;
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (CONTEXT_KEY.equals(name)) {
        follow(principalOf(value));
      }
      super.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      super.removeAttribute(name);
      if (CONTEXT_KEY.equals(name)) {
        follow(null);
      }
    }

    private void follow(String principal) {
      Optional<Session> session = Sessions.current(request).filter(Session::isValid);
      // Saving an unchanged context again (every request may) is no change of principal.
      if (session.isPresent()
          && !session.get().principal().equals(Optional.ofNullable(principal))) {
        session.get().setPrincipal(principal);
      }
    }
  }
}
