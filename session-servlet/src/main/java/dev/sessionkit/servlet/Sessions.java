package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStoreException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Typed access to the SessionKit session of a request that passed through {@link SessionFilter}:
 * {@code Sessions.of(request).get("user", User.class)}. The same session backs {@code
 * request.getSession()}.
 */
public final class Sessions {

  private Sessions() {}

  /**
   * Returns the request's session, creating one when the client has none. A new session is saved
   * (and its cookie set) only when something is stored in it, unless {@code saveUninitialized}.
   *
   * @param request a request behind {@link SessionFilter}
   * @return the session
   * @throws IllegalStateException when no {@link SessionFilter} handles this request
   * @throws SessionStoreException when the store fails
   */
  public static Session of(HttpServletRequest request) {
    return RequestBinding.require(request).context().getOrCreate();
  }

  /**
   * Returns the request's live session, without creating one.
   *
   * @param request a request behind {@link SessionFilter}
   * @return the session, or empty when the client has none
   * @throws IllegalStateException when no {@link SessionFilter} handles this request
   * @throws SessionStoreException when the store fails
   */
  public static Optional<Session> current(HttpServletRequest request) {
    return RequestBinding.require(request).context().current();
  }

  /**
   * Writes the session now and puts its cookie on the response (express-session's {@code save}),
   * for example before a long streamed response. Later changes are still written at the end.
   *
   * @param request a request that passed through {@link SessionFilter}
   * @throws IllegalStateException if no {@link SessionFilter} handles this request
   * @throws dev.sessionkit.SessionStoreException when the store fails
   */
  public static void save(HttpServletRequest request) {
    RequestBinding.require(request).commit();
  }
}
