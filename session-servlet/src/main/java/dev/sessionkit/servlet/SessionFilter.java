package dev.sessionkit.servlet;

import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.spi.Settings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
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
 * ServletContextListener} of the application sets, and reads the init-params {@value
 * #TRUST_FORWARDED_PROTO_PARAM}, {@value #ON_STORE_FAILURE_PARAM}, {@value #CLIENT_BINDING_PARAM},
 * {@value #ON_REJECTED_COOKIES_PARAM}, {@value #ID_HEADER_PARAM}, {@value #COOKIE_TRANSPORT_PARAM}
 * and {@value #REJECTED_COOKIE_WARNING_PARAM} (the builder's settings of the same names). A WAR can
 * also leave the registration to {@link SessionKitSetup}.
 *
 * <p>When the store fails, the configured {@link StoreFailureHandler} answers (by default {@link
 * StoreFailureHandler#SERVICE_UNAVAILABLE}); the failure is logged without the session id, one line
 * per kind of failure per 10 s with a count of the rest (written when the 10 s are over, and at
 * {@link #destroy()}). When a sealed client-side session grows too large for its cookie ({@link
 * SessionTooLargeException}), the answer is 500 with the JSON body {@code {"error":"session too
 * large"}} and nothing is sent to the browser that it would drop.
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

  /**
   * The servlet-context attribute that may hold a {@code Collection} of session listeners ({@code
   * HttpSessionListener}, {@code HttpSessionIdListener}, {@code HttpSessionAttributeListener}) to
   * call besides those registered with the container. The filter finds the container's own in Jetty
   * 12 and Tomcat 11; in other containers, put them here before the filter's {@code init}.
   */
  public static final String LISTENERS_ATTRIBUTE = "dev.sessionkit.servlet.SessionListeners";

  /**
   * The init-param that sets {@link Builder#onStoreFailure}: {@code SERVICE_UNAVAILABLE} (the
   * default), {@code RETHROW}, or the name of a class implementing {@link StoreFailureHandler} with
   * a public no-argument constructor.
   */
  public static final String ON_STORE_FAILURE_PARAM = "onStoreFailure";

  /**
   * The init-param that sets {@link Builder#onRejectedCookies}: {@code NEVER_BLOCK} (the default),
   * a whole number {@code n} for {@link ClientGuard#blockAbove(long) blockAbove(n)}, or the name of
   * a class implementing {@link ClientGuard} with a public no-argument constructor.
   */
  public static final String ON_REJECTED_COOKIES_PARAM = "onRejectedCookies";

  /**
   * The init-param that sets {@link Builder#clientBinding}: {@code userAgentFamily} for {@link
   * ClientBinding#userAgentFamily()}, or the name of a class implementing {@link ClientBinding}
   * with a public no-argument constructor.
   */
  public static final String CLIENT_BINDING_PARAM = "clientBinding";

  /** The init-param that sets {@link Builder#rejectedCookieWarning}. */
  public static final String REJECTED_COOKIE_WARNING_PARAM = "rejectedCookieWarning";

  /**
   * The default of {@link Builder#rejectedCookieWarning}: rejected session cookies of one client in
   * one 10 s interval that make a warning. A browser with a stale cookie sends one per page that
   * reads the session until it gets a new one; a guesser sends thousands.
   */
  public static final int DEFAULT_REJECTED_COOKIE_WARNING = 20;

  private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

  private final boolean fromInitParams;
  private volatile FilterOptions options;
  private volatile Logs logs;
  private volatile SessionEvents events;

  /** The filter's logs and their timer, made once its manager is known. */
  private record Logs(FailureLog failures, RejectedCookieLog rejections, LogTimer timer) {}

  /** Creates a filter configured from {@code web.xml} when the container initializes it. */
  public SessionFilter() {
    this.fromInitParams = true;
  }

  /**
   * Creates a filter with the default options.
   *
   * @param manager the session engine
   */
  public SessionFilter(SessionManager manager) {
    this(builder(manager));
  }

  /** Creates a filter from options already read, such as those of a filter the container made. */
  SessionFilter(FilterOptions options) {
    this.fromInitParams = false;
    this.options = Objects.requireNonNull(options, "options");
  }

  private SessionFilter(Builder b) {
    this.fromInitParams = false;
    this.options =
        new FilterOptions(
            b.manager,
            Settings.orDefault(b.trustForwardedProto, false),
            Settings.orDefault(b.onStoreFailure, StoreFailureHandler.SERVICE_UNAVAILABLE),
            b.clientBinding,
            Settings.orDefault(b.clientGuard, ClientGuard.NEVER_BLOCK),
            b.idHeader,
            Settings.orDefault(b.cookieTransport, true),
            Settings.orDefault(b.rejectedCookieWarning, DEFAULT_REJECTED_COOKIE_WARNING));
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
    if (fromInitParams) {
      options = FilterOptions.fromInitParams(config);
    }
    // The container's session listeners hear the engine's events until destroy().
    events = SessionEvents.start(config.getServletContext(), options.manager());
  }

  /**
   * Writes the counts of the log windows still open and stops their timer: a clean shutdown leaves
   * no failure or rejection uncounted in the log.
   */
  @Override
  public void destroy() {
    SessionEvents bridge = events;
    if (bridge != null) {
      bridge.stop();
    }
    Logs current;
    synchronized (this) {
      current = logs;
      logs = null;
    }
    if (current != null) {
      current.timer().close();
      current.failures().closeAll();
      current.rejections().closeAll();
    }
  }

  private Logs logs() {
    Logs current = logs;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (logs == null) {
        // Made on first use: a filter declared in web.xml gets its manager only at init.
        FilterOptions o = options;
        Clock clock = o.manager().config().clock();
        Logs[] made = new Logs[1];
        LogTimer timer =
            LogTimer.every(
                () -> {
                  made[0].failures().closeDue();
                  made[0].rejections().closeDue();
                });
        made[0] =
            new Logs(
                new FailureLog(LOG, clock, FailureLog.TRACED_IN_PROCESS, timer),
                new RejectedCookieLog(
                    LOG, clock, o.clientGuard(), o.rejectedCookieWarning(), timer),
                timer);
        logs = made[0];
      }
      return logs;
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      chain.doFilter(request, response);
      return;
    }
    FilterOptions o = options;
    if (o == null) {
      throw new ServletException("SessionFilter was not initialized");
    }
    RequestBinding existing = RequestBinding.find(http).orElse(null);
    if (existing != null) {
      Dispatch.again(existing, http, httpResponse, chain);
      return;
    }
    Logs l = logs();
    RejectedCookieLog rejected = l.rejections();
    if (rejected.anyBlocked() && rejected.isBlocked(http.getRemoteAddr())) {
      httpResponse.setHeader("Retry-After", Long.toString(rejected.secondsLeft()));
      JsonResponses.send(httpResponse, 429, "{\"error\":\"too many rejected session cookies\"}");
      return;
    }
    SessionManager manager = o.manager();
    String client = o.clientBinding() == null ? null : describe(o.clientBinding(), http);
    // A request that sends the id header (even empty, to ask for a header session) is a header
    // client; with the cookie transport off, every request is.
    String idHeader = o.idHeader();
    String headerValue = idHeader == null ? null : http.getHeader(idHeader);
    boolean byHeader = idHeader != null && (!o.cookieTransport() || headerValue != null);
    boolean secure = isSecure(o, http);
    SessionContext context =
        byHeader
            ? manager.openSignedId(headerValue, secure, client)
            : manager.open(cookieHeaders(http), secure, client);
    RequestBinding binding =
        new RequestBinding(
            manager,
            context,
            o.onStoreFailure(),
            l.failures(),
            events(http),
            http,
            httpResponse,
            byHeader ? idHeader : null);
    http.setAttribute(RequestBinding.ATTRIBUTE, binding);
    SessionResponse wrappedResponse = new SessionResponse(httpResponse, binding);
    try {
      Dispatch.first(binding, new SessionRequest(http, wrappedResponse), wrappedResponse, chain);
    } finally {
      int count = context.rejectedCookies();
      if (count > 0) {
        rejected.rejected(http.getRemoteAddr(), count, context.rejections());
      }
    }
  }

  private SessionEvents events(HttpServletRequest request) {
    SessionEvents e = events;
    if (e == null) {
      // Not initialized by a container (called directly): no listeners but binding values.
      e = SessionEvents.of(request.getServletContext(), List.of());
      events = e;
    }
    return e;
  }

  private static String describe(ClientBinding binding, HttpServletRequest request) {
    String client = binding.describe(request);
    return client == null || client.length() <= 200 ? client : client.substring(0, 200);
  }

  private static List<String> cookieHeaders(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    return headers == null ? List.of() : Collections.list(headers);
  }

  private static boolean isSecure(FilterOptions o, HttpServletRequest request) {
    if (o.trustForwardedProto()) {
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
    private Integer rejectedCookieWarning;

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
     * cookies are counted per client address over 10 s intervals, and a client that reaches {@link
     * #rejectedCookieWarning} is logged with its address and count, never a value. A client the
     * guard blocks is answered {@code 429} with {@code {"error":"too many rejected session
     * cookies"}} and {@code Retry-After} for the rest of the interval. Behind a proxy, make the
     * container report the client's address (for example Tomcat's {@code RemoteIpValve}, Jetty's
     * {@code ForwardedRequestCustomizer}), or every client looks like the proxy.
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
     * Sets how many rejected session cookies one client may send in a 10 s interval before the
     * filter warns that it may be guessing ids; default {@value #DEFAULT_REJECTED_COOKIE_WARNING}.
     * Below it, rejections are counted and logged at DEBUG only: a browser sends a stale cookie
     * after a logout, an expiry or a store restart, on every request that reads the session until
     * it gets a new one. The warning names the client's address, its count and why its cookies were
     * rejected. Metrics count every rejection whatever this is.
     *
     * @param count rejected cookies per client and interval that make a warning, at least 1
     * @return this builder
     * @throws IllegalStateException if it was already set
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public Builder rejectedCookieWarning(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("rejectedCookieWarning must be at least 1: " + count);
      }
      this.rejectedCookieWarning =
          Settings.once(this.rejectedCookieWarning, count, "rejectedCookieWarning");
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
              this.idHeader,
              FilterOptions.checkHeaderName(Objects.requireNonNull(name, "name")),
              "idHeader");
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
