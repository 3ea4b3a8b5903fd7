package dev.sessionkit.servlet;

import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.SetCookie;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link SessionFilter} keeps for one request: the core session context, and the session
 * cookie this module has put on the response. Stored as a request attribute so that {@link
 * Sessions}, {@link RequireSession} and later dispatches of the same request find it.
 *
 * <p>Translation only: whether to save and which cookie to send is decided by {@link
 * SessionContext#commit()}.
 */
final class RequestBinding {

  static final String ATTRIBUTE = RequestBinding.class.getName();

  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());
  private static final String SET_COOKIE = "Set-Cookie";

  private final SessionManager manager;
  private final SessionContext context;
  private final StoreFailureHandler onStoreFailure;
  private final FailureLog failures;
  private final SessionEvents events;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  // The header that carries the signed id for this request, or null when the cookie does.
  private final String idHeader;
  private final Instant started;
  private String cookieSent;
  private String idSent;

  RequestBinding(
      SessionManager manager,
      SessionContext context,
      StoreFailureHandler onStoreFailure,
      FailureLog failures,
      SessionEvents events,
      HttpServletRequest request,
      HttpServletResponse response,
      String idHeader) {
    this.idHeader = idHeader;
    this.events = events;
    this.manager = manager;
    this.context = context;
    this.onStoreFailure = onStoreFailure;
    this.failures = failures;
    this.request = request;
    this.response = response;
    this.started = manager.config().clock().instant();
  }

  static Optional<RequestBinding> find(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof RequestBinding b
        ? Optional.of(b)
        : Optional.empty();
  }

  static RequestBinding require(ServletRequest request) {
    return find(request)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no SessionKit session on this request: register SessionFilter in front of"
                        + " this path"));
  }

  SessionManager manager() {
    return manager;
  }

  SessionContext context() {
    return context;
  }

  /** The bridge to the container's session listeners of this request's application. */
  SessionEvents events() {
    return events;
  }

  /** Whether this request's session id travels in a cookie (else in a header). */
  boolean idInCookie() {
    return idHeader == null;
  }

  /**
   * Writes what the request changed and puts the cookie the engine asks for on the response. Called
   * before every point where the container would commit the response, and at the end.
   *
   * @throws SessionStoreException when the store fails
   */
  synchronized void commit() {
    List<Optional<SetCookie>> made = new ArrayList<>(1);
    // Events of the commit (created, id changed) read this request's session; a commit only makes
    // them once the session was resolved, so asking for it then loads nothing.
    SessionEvents.holding(
        () -> context.current().orElse(null),
        () -> made.add(context.commit(!response.isCommitted())));
    Optional<SetCookie> cookie = made.get(0);
    if (cookie.isEmpty()) {
      return;
    }
    if (response.isCommitted()) {
      LOG.log(
          Level.WARNING,
          "the session cookie for {0} {1} was not sent: the response was already committed"
              + " (was the session first created after the body was written?)",
          request.getMethod(),
          request.getRequestURI());
      return;
    }
    if (idHeader != null) {
      // A header client gets its id back in the header only: never a cookie.
      putId(cookie.get().isClearing() ? "" : cookie.get().value());
    } else {
      putCookie(cookie.get().render());
    }
  }

  private void putId(String value) {
    response.setHeader(idHeader, value);
    idSent = value;
    response.setHeader("Cache-Control", "no-store");
  }

  /**
   * After {@code response.reset()}: the store already holds what the cookie names, so resend it.
   */
  synchronized void restoreAfterReset() {
    if (idSent != null && !response.isCommitted()) {
      putId(idSent);
    }
    if (cookieSent != null && !response.isCommitted()) {
      String header = cookieSent;
      cookieSent = null;
      putCookie(header);
    }
  }

  private void putCookie(String header) {
    // At most one Set-Cookie per name in a response (RFC 6265bis 4.1): replace the one sent at an
    // earlier commit of this request, keep the application's own cookies.
    List<String> cookies = new ArrayList<>(response.getHeaders(SET_COOKIE));
    if (cookieSent != null) {
      cookies.remove(cookieSent);
    }
    cookies.add(header);
    response.setHeader(SET_COOKIE, cookies.get(0));
    for (int i = 1; i < cookies.size(); i++) {
      response.addHeader(SET_COOKIE, cookies.get(i));
    }
    cookieSent = header;
    // A shared cache must never hand this response, and its cookie, to another client.
    response.setHeader("Cache-Control", "no-store");
    if (!variesOnCookie(response)) {
      response.addHeader("Vary", "Cookie");
    }
  }

  private static boolean variesOnCookie(HttpServletResponse response) {
    for (String header : response.getHeaders("Vary")) {
      for (String token : header.split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cookie") || t.equals("*")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Answers a request whose store failed, through the configured handler.
   *
   * @throws IOException from the handler
   * @throws ServletException from the handler
   */
  void fail(SessionStoreException failure) throws IOException, ServletException {
    // Store exceptions never carry a raw session id (SessionStore contract), and neither does the
    // path: ids travel in the cookie only.
    failures.failed(
        failure,
        request.getMethod() + " " + request.getRequestURI(),
        Duration.between(started, manager.config().clock().instant()));
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    onStoreFailure.handle(request, response, failure);
  }

  /**
   * Answers a login that the per-principal cap refused and the application did not answer itself
   * (the refusal came when the session was written): 409 with a JSON body.
   *
   * @throws IOException when the answer cannot be written
   */
  void capReached(SessionLimitExceededException e) throws IOException {
    LOG.log(
        Level.INFO,
        "login refused during "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + ": "
            + e.getMessage());
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    JsonResponses.send(
        response, HttpServletResponse.SC_CONFLICT, "{\"error\":\"too many sessions\"}");
  }

  /**
   * Answers a request whose sealed session no longer fits in its cookie: an application error,
   * answered 500 with a JSON body rather than a container page with a stack trace.
   *
   * @throws IOException when the answer cannot be written
   */
  void tooLarge(SessionTooLargeException e) throws IOException {
    LOG.log(
        Level.ERROR,
        "session too large for its cookie during "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + ": "
            + e.getMessage());
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    JsonResponses.send(
        response,
        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        "{\"error\":\"session too large\"}");
  }
}
