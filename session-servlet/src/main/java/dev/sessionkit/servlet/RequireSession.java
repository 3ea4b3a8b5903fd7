package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Guards the paths it is mapped to: only a request whose session has a principal ({@link
 * Session#setPrincipal}) reaches the application. Any other request is answered here, by default
 * with {@code 401} and {@value #DEFAULT_BODY}, and the application is not called. Map it after
 * {@link SessionFilter}.
 *
 * <p>Reading the session may fail when the store is down; the failure goes to {@link
 * SessionFilter}, which answers it (503 by default), so the guarded code is not run either.
 *
 * <p>In {@code web.xml} the no-argument constructor reads the optional init-params {@value
 * #STATUS_PARAM} and {@value #BODY_PARAM}.
 */
public final class RequireSession implements Filter {

  /** The status of a rejected request: 401. */
  public static final int DEFAULT_STATUS = HttpServletResponse.SC_UNAUTHORIZED;

  /** The JSON body of a rejected request. */
  public static final String DEFAULT_BODY = "{\"error\":\"unauthorized\"}";

  /** The {@code web.xml} init-param that sets the status. */
  public static final String STATUS_PARAM = "status";

  /** The {@code web.xml} init-param that sets the JSON body. */
  public static final String BODY_PARAM = "body";

  private final boolean fromInitParams;
  private int status;
  private String body;

  /** Creates the guard with the defaults, or with the init-params when declared in web.xml. */
  public RequireSession() {
    this.fromInitParams = true;
    this.status = DEFAULT_STATUS;
    this.body = DEFAULT_BODY;
  }

  /**
   * Creates the guard with its own answer.
   *
   * @param status the status of a rejected request, 400 to 599
   * @param jsonBody the JSON body of a rejected request
   * @throws IllegalArgumentException if the status is not an error status
   */
  public RequireSession(int status, String jsonBody) {
    this.fromInitParams = false;
    this.status = checkStatus(status);
    this.body = Objects.requireNonNull(jsonBody, "jsonBody");
  }

  private static int checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400 to 599: " + status);
    }
    return status;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (!fromInitParams) {
      return;
    }
    String statusParam = config.getInitParameter(STATUS_PARAM);
    if (statusParam != null) {
      try {
        status = checkStatus(Integer.parseInt(statusParam.trim()));
      } catch (IllegalArgumentException e) {
        throw new ServletException(
            "RequireSession init-param "
                + STATUS_PARAM
                + " is not a status 400 to 599: "
                + statusParam,
            e);
      }
    }
    String bodyParam = config.getInitParameter(BODY_PARAM);
    if (bodyParam != null) {
      body = bodyParam;
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)) {
      throw new ServletException("RequireSession handles HTTP requests only");
    }
    boolean loggedIn = Sessions.current(http).flatMap(Session::principal).isPresent();
    if (loggedIn) {
      chain.doFilter(request, response);
    } else {
      JsonResponses.send(httpResponse, status, body);
    }
  }
}
