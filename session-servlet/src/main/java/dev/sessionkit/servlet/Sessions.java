package dev.sessionkit.servlet;

import dev.sessionkit.Flash;
import dev.sessionkit.Session;
import dev.sessionkit.SessionContext;
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
   * Logs the client out: ends its session if it is still live and, whenever the request carried a
   * session cookie, answers with a {@code Set-Cookie} that clears it, so a logout that lost a race
   * to a parallel logout of the same session (and found it gone) still tells the browser to drop
   * its cookie. Use it for logout handlers rather than {@code current(request).ifPresent(
   * Session::invalidate)}, which sends nothing when the session is already gone.
   *
   * @param request a request behind {@link SessionFilter}
   * @throws IllegalStateException when no {@link SessionFilter} handles this request
   * @throws SessionStoreException when the store fails
   */
  public static void logout(HttpServletRequest request) {
    RequestBinding binding = RequestBinding.require(request);
    SessionContext context = binding.context();
    binding.events().end(context.current().orElse(null), context::logout);
  }

  /**
   * Returns the request's flash values: {@code Sessions.flash(request).put("notice", "Saved.")}
   * before a redirect, {@code Sessions.flash(request).take("notice", String.class)} on the page it
   * leads to, which is the last to see it. Taking from a request without a session creates none,
   * and taking a name that holds nothing writes nothing.
   *
   * @param request a request behind {@link SessionFilter}
   * @return the flash values of its session
   * @throws IllegalStateException when no {@link SessionFilter} handles this request
   */
  public static Flash flash(HttpServletRequest request) {
    return Flash.of(RequestBinding.require(request).context());
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
