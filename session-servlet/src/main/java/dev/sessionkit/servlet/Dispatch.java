package dev.sessionkit.servlet;

import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs the filter chain for one dispatch of a request that has its {@link RequestBinding}: commits
 * the session when the chain returns (unless the request went async), and turns the engine's
 * exceptions, however the container or the application wrapped them, into their answers.
 */
final class Dispatch {

  private Dispatch() {}

  /**
   * Runs the chain for the first dispatch of a request.
   *
   * @param binding the request's binding
   * @param request the request as the application sees it
   * @param response the response wrapper that commits the session before the container commits
   * @param chain the rest of the chain
   * @throws IOException from the application or the answer
   * @throws ServletException from the application or the answer
   */
  static void first(
      RequestBinding binding,
      HttpServletRequest request,
      SessionResponse response,
      FilterChain chain)
      throws IOException, ServletException {
    run(binding, request, response, response, chain);
  }

  /**
   * Runs the chain for a later dispatch of a request the filter already handles (async, error,
   * forward, include), wrapping the request and response again where the container unwrapped them.
   *
   * @param binding the request's binding
   * @param request the dispatched request
   * @param response the dispatched response
   * @param chain the rest of the chain
   * @throws IOException from the application or the answer
   * @throws ServletException from the application or the answer
   */
  static void again(
      RequestBinding binding,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws IOException, ServletException {
    boolean responseWrapped = isWrapped(response, SessionResponse.class);
    SessionResponse sessionResponse =
        responseWrapped ? unwrap(response) : new SessionResponse(response, binding);
    HttpServletResponse chainResponse = responseWrapped ? response : sessionResponse;
    HttpServletRequest chainRequest =
        isWrapped(request, SessionRequest.class)
            ? request
            : new SessionRequest(request, sessionResponse);
    DispatcherType type = request.getDispatcherType();
    if (type == DispatcherType.ASYNC || type == DispatcherType.ERROR) {
      // Nothing outside this dispatch commits the session before the container completes it.
      run(binding, chainRequest, chainResponse, sessionResponse, chain);
    } else {
      chain.doFilter(chainRequest, chainResponse);
    }
  }

  private static void run(
      RequestBinding binding,
      HttpServletRequest request,
      HttpServletResponse response,
      SessionResponse sessionResponse,
      FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
      if (!request.isAsyncStarted()) {
        sessionResponse.commitSession();
      }
    } catch (IOException | ServletException | RuntimeException e) {
      SessionStoreException failure = cause(e, SessionStoreException.class);
      if (failure != null) {
        binding.fail(failure);
        return;
      }
      SessionLimitExceededException capped = cause(e, SessionLimitExceededException.class);
      if (capped != null) {
        binding.capReached(capped);
        return;
      }
      SessionTooLargeException tooLarge = cause(e, SessionTooLargeException.class);
      if (tooLarge == null) {
        throw e;
      }
      binding.tooLarge(tooLarge);
    }
  }

  /** Finds an exception of ours that containers or applications may have wrapped. */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean isWrapped(Object object, Class<?> type) {
    if (type.isInstance(object)) {
      return true;
    }
    if (object instanceof ServletRequestWrapper w) {
      return w.isWrapperFor(type);
    }
    return object instanceof ServletResponseWrapper w && w.isWrapperFor(type);
  }

  private static SessionResponse unwrap(ServletResponse response) {
    ServletResponse r = response;
    while (!(r instanceof SessionResponse) && r instanceof ServletResponseWrapper w) {
      r = w.getResponse();
    }
    return (SessionResponse) r;
  }
}
