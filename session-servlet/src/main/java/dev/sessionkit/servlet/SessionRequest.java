package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.SessionContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The request as the application sees it: {@code getSession()} and the requested-session-id methods
 * answer from SessionKit, and async requests commit the session when they complete.
 */
final class SessionRequest extends HttpServletRequestWrapper {

  private final RequestBinding binding;
  private final SessionResponse response;
  private HttpSessionAdapter adapter;
  private CommittingAsyncContext async;

  SessionRequest(HttpServletRequest request, SessionResponse response) {
    super(request);
    this.binding = response.binding();
    this.response = response;
  }

  @Override
  public HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public synchronized HttpSession getSession(boolean create) {
    SessionContext context = binding.context();
    Optional<Session> current = context.current();
    Session session;
    if (current.isPresent()) {
      session = current.get();
    } else if (!create) {
      return null;
    } else if (response.isCommitted()) {
      throw new IllegalStateException(
          "cannot create a session after the response has been committed");
    } else {
      session = context.getOrCreate();
    }
    if (adapter == null || !adapter.wraps(session)) {
      adapter = new HttpSessionAdapter(session, getServletContext(), binding.events());
    }
    return adapter;
  }

  @Override
  public String changeSessionId() {
    Session session =
        binding
            .context()
            .current()
            .orElseThrow(() -> new IllegalStateException("the request has no session"));
    session.regenerate(true);
    return session.id();
  }

  @Override
  public String getRequestedSessionId() {
    return binding.context().requestedSessionId().orElse(null);
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return binding.context().isRequestedSessionIdValid();
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return binding.idInCookie() && binding.context().hasRequestedSessionId();
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false;
  }

  @Override
  public AsyncContext startAsync() {
    // The no-argument form would hand the unwrapped response to the async code, past the commit
    // hooks; give it this request and the guarded response instead.
    return startAsync(this, response);
  }

  @Override
  public synchronized AsyncContext startAsync(
      ServletRequest servletRequest, ServletResponse servletResponse) {
    AsyncContext started = super.startAsync(servletRequest, servletResponse);
    if (async == null || !async.wraps(started)) {
      async = new CommittingAsyncContext(started, binding);
      started.addListener(async.listener());
    }
    return async;
  }

  @Override
  public synchronized AsyncContext getAsyncContext() {
    AsyncContext current = super.getAsyncContext();
    return async != null && async.wraps(current) ? async : current;
  }
}
