package dev.sessionkit.servlet;

import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.spi.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Puts SessionKit sessions behind the servlet API: {@code request.getSession()}, {@code
 * changeSessionId()}, the requested-session-id methods and {@link Sessions#of} all use the
 * configured {@link SessionManager}, and the session is committed before the response is.
 *
 * <p>Register it in code with {@link #SessionFilter(SessionManager)} or {@link #builder}, for the
 * dispatcher types {@code REQUEST} and {@code ASYNC} (add {@code ERROR} when error pages use the
 * session). In {@code web.xml}, declare the class itself: the no-argument constructor takes the
 * {@code SessionManager} from the servlet-context attribute {@value #MANAGER_ATTRIBUTE} (or the
 * attribute named by the init-param {@value #MANAGER_ATTRIBUTE_PARAM}), which a {@code
 * ServletContextListener} of the application sets, and reads the init-param {@value
 * #TRUST_FORWARDED_PROTO_PARAM} ({@code true} or {@code false}).
 *
 * <p>When the store fails, the configured {@link StoreFailureHandler} answers (by default {@link
 * StoreFailureHandler#SERVICE_UNAVAILABLE}); the failure is logged without the session id. When a
 * sealed client-side session grows too large for its cookie ({@link SessionTooLargeException}), the
 * answer is 500 with the JSON body {@code {"error":"session too large"}} and nothing is sent to the
 * browser that it would drop.
 */
public final class SessionFilter implements Filter {

  /** The servlet-context attribute the no-argument constructor reads the manager from. */
  public static final String MANAGER_ATTRIBUTE = "dev.sessionkit.SessionManager";

  /** The init-param that names another servlet-context attribute for the manager. */
  public static final String MANAGER_ATTRIBUTE_PARAM = "managerAttribute";

  /** The init-param that names the request header of {@link Builder#idHeader}. */
  public static final String ID_HEADER_PARAM = "idHeader";

  /**
   * The init-param that turns the cookie transport off ({@code false}) beside {@link
   * #ID_HEADER_PARAM}.
   */
  public static final String COOKIE_TRANSPORT_PARAM = "cookieTransport";

  /** The init-param that turns on {@link Builder#trustForwardedProto}. */
  public static final String TRUST_FORWARDED_PROTO_PARAM = "trustForwardedProto";

  private final boolean fromInitParams;
  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

  private SessionManager manager;
  private boolean trustForwardedProto;
  private StoreFailureHandler onStoreFailure;
  private volatile FailureLog failures;
  private volatile RejectedCookieLog rejections;
  private ClientBinding clientBinding;
  private ClientGuard clientGuard = ClientGuard.NEVER_BLOCK;
  private String idHeader;
  private boolean cookieTransport = true;

  /** Creates a filter configured from {@code web.xml} when the container initializes it. */
  public SessionFilter() {
    this.fromInitParams = true;
    this.onStoreFailure = StoreFailureHandler.SERVICE_UNAVAILABLE;
  }

  /**
   * Creates a filter with the default options.
   *
   * @param manager the session engine
   */
  public SessionFilter(SessionManager manager) {
    this(builder(manager));
  }

  private SessionFilter(Builder b) {
    this.fromInitParams = false;
    this.manager = b.manager;
    this.trustForwardedProto = Settings.orDefault(b.trustForwardedProto, false);
    this.onStoreFailure =
        Settings.orDefault(b.onStoreFailure, StoreFailureHandler.SERVICE_UNAVAILABLE);
    this.clientBinding = b.clientBinding;
    this.clientGuard = Settings.orDefault(b.clientGuard, ClientGuard.NEVER_BLOCK);
    this.idHeader = b.idHeader;
    this.cookieTransport = Settings.orDefault(b.cookieTransport, true);
    checkTransports(idHeader, cookieTransport);
  }

  private static void checkTransports(String idHeader, boolean cookieTransport) {
    if (!cookieTransport && idHeader == null) {
      throw new IllegalStateException(
          "cookieTransport(false) needs idHeader(...): a session id must travel somehow");
    }
  }

  /**
   * Starts a builder.
   *
   * @param manager the session engine
   * @return a builder with the defaults
   */
  public static Builder builder(SessionManager manager) {
    return new Builder(Objects.requireNonNull(manager, "manager"));
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (!fromInitParams) {
      return;
    }
    String attribute = config.getInitParameter(MANAGER_ATTRIBUTE_PARAM);
    String name = attribute == null ? MANAGER_ATTRIBUTE : attribute.trim();
    if (!(config.getServletContext().getAttribute(name) instanceof SessionManager m)) {
      throw new ServletException(
          "SessionFilter needs a dev.sessionkit.SessionManager in the servlet-context attribute '"
              + name
              + "': set it from a ServletContextListener, or construct the filter with one");
    }
    manager = m;
    String header = config.getInitParameter(ID_HEADER_PARAM);
    String cookies = config.getInitParameter(COOKIE_TRANSPORT_PARAM);
    try {
      idHeader = header == null ? null : Builder.checkHeaderName(header.trim());
      cookieTransport = cookies == null || !cookies.trim().equalsIgnoreCase("false");
      checkTransports(idHeader, cookieTransport);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ServletException("SessionFilter init-params: " + e.getMessage(), e);
    }
    String trust = config.getInitParameter(TRUST_FORWARDED_PROTO_PARAM);
    if (trust != null) {
      switch (trust.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> trustForwardedProto = true;
        case "false" -> trustForwardedProto = false;
        default ->
            throw new ServletException(
                "SessionFilter init-param "
                    + TRUST_FORWARDED_PROTO_PARAM
                    + " must be true or false: "
                    + trust);
      }
    }
  }

  private String describe(HttpServletRequest request) {
    String client = clientBinding.describe(request);
    return client == null || client.length() <= 200 ? client : client.substring(0, 200);
  }

  private FailureLog failures() {
    FailureLog log = failures;
    if (log == null) {
      // Made on first use: a filter declared in web.xml gets its manager only at init.
      log = new FailureLog(LOG, manager.config().clock());
      failures = log;
    }
    return log;
  }

  private RejectedCookieLog rejections() {
    RejectedCookieLog log = rejections;
    if (log == null) {
      log = new RejectedCookieLog(LOG, manager.config().clock(), clientGuard);
      rejections = log;
    }
    return log;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    if (manager == null) {
      throw new ServletException("SessionFilter was not initialized");
    }
    RequestBinding existing = RequestBinding.find(http).orElse(null);
    if (existing != null) {
      reenter(existing, http, httpResponse, chain);
      return;
    }
    RejectedCookieLog rejected = rejections();
    if (rejected.anyBlocked() && rejected.isBlocked(http.getRemoteAddr())) {
      httpResponse.setHeader("Retry-After", Long.toString(rejected.secondsLeft()));
      JsonResponses.send(httpResponse, 429, "{\"error\":\"too many rejected session cookies\"}");
      return;
    }
    String client = clientBinding == null ? null : describe(http);
    // A request that sends the id header (even empty, to ask for a header session) is a header
    // client; with the cookie transport off, every request is.
    String headerValue = idHeader == null ? null : http.getHeader(idHeader);
    boolean byHeader = idHeader != null && (!cookieTransport || headerValue != null);
    SessionContext context =
        byHeader
            ? manager.openSignedId(headerValue, isSecure(http), client)
            : manager.open(cookieHeaders(http), isSecure(http), client);
    RequestBinding binding =
        new RequestBinding(
            manager,
            context,
            onStoreFailure,
            failures(),
            http,
            httpResponse,
            byHeader ? idHeader : null);
    http.setAttribute(RequestBinding.ATTRIBUTE, binding);
    SessionResponse wrappedResponse = new SessionResponse(httpResponse, binding);
    try {
      run(
          binding,
          new SessionRequest(http, wrappedResponse),
          wrappedResponse,
          wrappedResponse,
          chain);
    } finally {
      int count = context.rejectedCookies();
      if (count > 0) {
        rejected.rejected(http.getRemoteAddr(), count);
      }
    }
  }

  /** A later dispatch of a request this filter already handles (async, error, forward). */
  private static void reenter(
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

  private static List<String> cookieHeaders(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    return headers == null ? List.of() : Collections.list(headers);
  }

  private boolean isSecure(HttpServletRequest request) {
    if (trustForwardedProto) {
      String proto = lastForwardedProto(request);
      if (proto != null) {
        return proto.equalsIgnoreCase("https");
      }
    }
    return request.isSecure();
  }

  /**
   * Returns the protocol the nearest proxy reports: the last value, since a proxy appends its own
   * to whatever the client sent.
   */
  static String lastForwardedProto(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("X-Forwarded-Proto");
    String last = null;
    while (headers != null && headers.hasMoreElements()) {
      String header = headers.nextElement();
      int comma = header.lastIndexOf(',');
      String value = header.substring(comma + 1).trim();
      if (!value.isEmpty()) {
        last = value;
      }
    }
    return last;
  }

  /**
   * Builds a {@link SessionFilter}. Each setting may be given once; {@link #build()} applies the
   * defaults and may be called again. Not thread-safe.
   */
  public static final class Builder {
    private final SessionManager manager;
    private Boolean trustForwardedProto;
    private StoreFailureHandler onStoreFailure;
    private ClientBinding clientBinding;
    private ClientGuard clientGuard;
    private String idHeader;
    private Boolean cookieTransport;

    private Builder(SessionManager manager) {
      this.manager = manager;
    }

    /**
     * Trusts the {@code X-Forwarded-Proto} header for {@link dev.sessionkit.SecureMode#AUTO}; off
     * by default. Turn it on only behind a proxy that always sets the header, or any client can say
     * it came over HTTPS.
     *
     * @param trust whether to honour the header
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder trustForwardedProto(boolean trust) {
      this.trustForwardedProto =
          Settings.once(this.trustForwardedProto, trust, "trustForwardedProto");
      return this;
    }

    /**
     * Sets how a request whose store failed is answered; default {@link
     * StoreFailureHandler#SERVICE_UNAVAILABLE}.
     *
     * @param handler the handler
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder onStoreFailure(StoreFailureHandler handler) {
      this.onStoreFailure = Settings.once(this.onStoreFailure, handler, "onStoreFailure");
      return this;
    }

    /**
     * Binds sessions to the kind of client they were made for (opt-in; see {@link ClientBinding}
     * for the trade-offs): a request from another kind of client has no session, and the engine's
     * listener hears {@link dev.sessionkit.CookieRejection#CLIENT_MISMATCH}.
     *
     * @param binding how a request's client is described, e.g. {@link
     *     ClientBinding#userAgentFamily()}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder clientBinding(ClientBinding binding) {
      this.clientBinding = Settings.once(this.clientBinding, binding, "clientBinding");
      return this;
    }

    /**
     * Sets what happens to a client that keeps sending session cookies that give no session
     * (session id guessing); default {@link ClientGuard#NEVER_BLOCK}. Whatever the guard, rejected
     * cookies are counted per client address and logged at most once per 10 s with the address and
     * the count, never the value. A client the guard blocks is answered {@code 429} with {@code
     * {"error":"too many rejected session cookies"}} and {@code Retry-After} for the rest of the
     * interval. Behind a proxy, make the container report the client's address (for example
     * Tomcat's {@code RemoteIpValve}, Jetty's {@code ForwardedRequestCustomizer}), or every client
     * looks like the proxy.
     *
     * @param guard the guard, e.g. {@link ClientGuard#blockAbove(long)}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder onRejectedCookies(ClientGuard guard) {
      this.clientGuard = Settings.once(this.clientGuard, guard, "onRejectedCookies");
      return this;
    }

    /**
     * Lets the signed session id travel in a request header, for API and mobile clients that keep
     * no cookies (off by default). A request that sends this header (its value the signed id, or
     * empty to ask for a new header session) is a header client: its id is read from the header
     * only, and a response that creates, regenerates or ends its session carries the new value in
     * the same header (empty when ended), never a {@code Set-Cookie}. Other requests use the
     * cookie, unless {@link #cookieTransport} is off. Browsers never add such a header on their
     * own, so a cross-site form or link cannot ride on a header session (no CSRF through it); a
     * page script that holds the value can, which is why the cookie stays HttpOnly.
     *
     * @param name the header name, such as {@code X-Session}
     * @return this builder
     * @throws IllegalStateException if it was already set
     * @throws IllegalArgumentException if the name is not an HTTP token, or is a cookie header
     */
    public Builder idHeader(String name) {
      this.idHeader =
          Settings.once(
              this.idHeader, checkHeaderName(Objects.requireNonNull(name, "name")), "idHeader");
      return this;
    }

    /**
     * Turns the cookie transport on or off; on by default. Off needs {@link #idHeader}: then no
     * request reads a cookie and no response sets one.
     *
     * @param on whether session ids travel in cookies too
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder cookieTransport(boolean on) {
      this.cookieTransport = Settings.once(this.cookieTransport, on, "cookieTransport");
      return this;
    }

    static String checkHeaderName(String name) {
      boolean token = !name.isEmpty();
      for (int i = 0; i < name.length() && token; i++) {
        char c = name.charAt(i);
        token =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      }
      if (!token
          || name.equalsIgnoreCase("Cookie")
          || name.equalsIgnoreCase("Set-Cookie")
          || name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("idHeader is not a usable header name: " + name);
      }
      return name;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     * @throws IllegalStateException when the cookie transport is off and no header is set
     */
    public SessionFilter build() {
      return new SessionFilter(this);
    }
  }
}
