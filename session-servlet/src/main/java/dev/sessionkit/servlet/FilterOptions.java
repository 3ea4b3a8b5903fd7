package dev.sessionkit.servlet;

import dev.sessionkit.SessionManager;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.util.Locale;

/**
 * What one {@link SessionFilter} was configured with, from its builder or from its {@code web.xml}
 * init-params. Immutable; validated when made.
 *
 * @param manager the session engine
 * @param trustForwardedProto whether {@code X-Forwarded-Proto} decides {@code SecureMode.AUTO}
 * @param onStoreFailure how a request whose store failed is answered
 * @param clientBinding how a request's client is described, or null when sessions are not bound
 * @param clientGuard who is blocked for sending rejected cookies
 * @param idHeader the request header that may carry the signed id, or null
 * @param cookieTransport whether ids travel in cookies too
 * @param rejectedCookieWarning rejected cookies of one client per interval that make a warning
 */
record FilterOptions(
    SessionManager manager,
    boolean trustForwardedProto,
    StoreFailureHandler onStoreFailure,
    ClientBinding clientBinding,
    ClientGuard clientGuard,
    String idHeader,
    boolean cookieTransport,
    int rejectedCookieWarning) {

  FilterOptions {
    if (!cookieTransport && idHeader == null) {
      throw new IllegalStateException(
          "cookieTransport(false) needs idHeader(...): a session id must travel somehow");
    }
    if (rejectedCookieWarning < 1) {
      throw new IllegalArgumentException(
          "rejectedCookieWarning must be at least 1: " + rejectedCookieWarning);
    }
  }

  /**
   * Reads the options of a filter declared in {@code web.xml}: the manager from a servlet-context
   * attribute, the rest from init-params; what is not given takes the builder's default.
   *
   * @param config the filter's configuration
   * @return the options
   * @throws ServletException naming the attribute or init-param that is missing or wrong
   */
  static FilterOptions fromInitParams(FilterConfig config) throws ServletException {
    String attribute = config.getInitParameter(SessionFilter.MANAGER_ATTRIBUTE_PARAM);
    String name = attribute == null ? SessionFilter.MANAGER_ATTRIBUTE : attribute.trim();
    if (!(config.getServletContext().getAttribute(name) instanceof SessionManager manager)) {
      throw new ServletException(
          "SessionFilter needs a dev.sessionkit.SessionManager in the servlet-context attribute '"
              + name
              + "': set it from a ServletContextListener, or construct the filter with one");
    }
    return fromInitParams(config, manager);
  }

  /**
   * Reads the options of a filter from its init-params, with the manager given.
   *
   * @param config the filter's configuration
   * @param manager the session engine; null only to check the init-params before it is built
   * @return the options
   * @throws ServletException naming the init-param that is wrong
   */
  static FilterOptions fromInitParams(FilterConfig config, SessionManager manager)
      throws ServletException {
    String header = config.getInitParameter(SessionFilter.ID_HEADER_PARAM);
    try {
      return new FilterOptions(
          manager,
          bool(config, SessionFilter.TRUST_FORWARDED_PROTO_PARAM, false),
          storeFailureHandler(config),
          clientBinding(config),
          clientGuard(config),
          header == null ? null : checkHeaderName(header.trim()),
          bool(config, SessionFilter.COOKIE_TRANSPORT_PARAM, true),
          count(
              config,
              SessionFilter.REJECTED_COOKIE_WARNING_PARAM,
              SessionFilter.DEFAULT_REJECTED_COOKIE_WARNING));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ServletException("SessionFilter init-params: " + e.getMessage(), e);
    }
  }

  /**
   * The same options with the manager given, for a filter whose init-params were read before its
   * manager was built.
   */
  FilterOptions withManager(SessionManager m) {
    return new FilterOptions(
        m,
        trustForwardedProto,
        onStoreFailure,
        clientBinding,
        clientGuard,
        idHeader,
        cookieTransport,
        rejectedCookieWarning);
  }

  private static StoreFailureHandler storeFailureHandler(FilterConfig config) {
    String value = config.getInitParameter(SessionFilter.ON_STORE_FAILURE_PARAM);
    if (value == null || value.trim().equals("SERVICE_UNAVAILABLE")) {
      return StoreFailureHandler.SERVICE_UNAVAILABLE;
    }
    if (value.trim().equals("RETHROW")) {
      return StoreFailureHandler.RETHROW;
    }
    return instance(
        config,
        SessionFilter.ON_STORE_FAILURE_PARAM,
        value,
        StoreFailureHandler.class,
        "SERVICE_UNAVAILABLE, RETHROW");
  }

  private static ClientBinding clientBinding(FilterConfig config) {
    String value = config.getInitParameter(SessionFilter.CLIENT_BINDING_PARAM);
    if (value == null) {
      return null;
    }
    if (value.trim().equals("userAgentFamily")) {
      return ClientBinding.userAgentFamily();
    }
    return instance(
        config, SessionFilter.CLIENT_BINDING_PARAM, value, ClientBinding.class, "userAgentFamily");
  }

  private static ClientGuard clientGuard(FilterConfig config) {
    String value = config.getInitParameter(SessionFilter.ON_REJECTED_COOKIES_PARAM);
    if (value == null || value.trim().equals("NEVER_BLOCK")) {
      return ClientGuard.NEVER_BLOCK;
    }
    if (!value.trim().isEmpty() && value.trim().chars().allMatch(Character::isDigit)) {
      return ClientGuard.blockAbove(
          count(config, SessionFilter.ON_REJECTED_COOKIES_PARAM, Integer.MAX_VALUE));
    }
    return instance(
        config,
        SessionFilter.ON_REJECTED_COOKIES_PARAM,
        value,
        ClientGuard.class,
        "NEVER_BLOCK, a whole number (block a client above that many in 10 s)");
  }

  /**
   * Makes an application's implementation of a filter setting from its class name, with the
   * application's class loader and the class's public no-argument constructor.
   */
  private static <T> T instance(
      FilterConfig config, String param, String className, Class<T> type, String named) {
    String name = className.trim();
    try {
      ClassLoader loader = config.getServletContext().getClassLoader();
      Class<?> c =
          Class.forName(name, true, loader == null ? FilterOptions.class.getClassLoader() : loader);
      if (!type.isAssignableFrom(c)) {
        throw new IllegalArgumentException(
            param + ": " + name + " does not implement " + type.getName());
      }
      return type.cast(c.getConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(
          param
              + " must be one of "
              + named
              + " or the name of a class implementing "
              + type.getName()
              + " with a public no-argument constructor: "
              + name
              + " ("
              + e
              + ")",
          e);
    }
  }

  private static boolean bool(FilterConfig config, String param, boolean fallback) {
    String value = config.getInitParameter(param);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(param + " must be true or false: " + value.trim());
    };
  }

  private static int count(FilterConfig config, String param, int fallback) {
    String value = config.getInitParameter(param);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, with the parameter's name
    }
    throw new IllegalArgumentException(param + " must be a whole number of at least 1: " + value);
  }

  /**
   * Checks that a name can carry the signed id: an HTTP token, and not a header with a meaning of
   * its own.
   */
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
}
