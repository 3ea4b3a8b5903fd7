package dev.sessionkit.servlet;

import dev.sessionkit.SessionStoreException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a request whose session store failed (down, timing out). {@link SessionFilter} has
 * already logged the failure (without the session id) and reset the response when it calls this;
 * the application code behind the filter does not run again.
 *
 * <p>Implementations are shared by all requests and must be thread-safe.
 */
@FunctionalInterface
public interface StoreFailureHandler {

  /**
   * The default: {@code 503 Service Unavailable} with the JSON body {@code {"error":"session store
   * unavailable"}} and {@code Cache-Control: no-store}.
   */
  StoreFailureHandler SERVICE_UNAVAILABLE =
      (request, response, failure) ->
          JsonResponses.send(
              response,
              HttpServletResponse.SC_SERVICE_UNAVAILABLE,
              "{\"error\":\"session store unavailable\"}");

  /**
   * Hands the failure to the container as a {@link ServletException}, so that its error page (a
   * {@code 500} unless one is mapped to {@link SessionStoreException}) answers.
   */
  StoreFailureHandler RETHROW =
      (request, response, failure) -> {
        throw new ServletException("session store failed", failure);
      };

  /**
   * Writes the response for a failed request.
   *
   * @param request the request
   * @param response the response, reset and not yet committed
   * @param failure what the store threw
   * @throws IOException when writing the response fails
   * @throws ServletException to hand the failure to the container
   */
  void handle(
      HttpServletRequest request, HttpServletResponse response, SessionStoreException failure)
      throws IOException, ServletException;
}
