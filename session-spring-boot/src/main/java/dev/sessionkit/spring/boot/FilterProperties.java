package dev.sessionkit.spring.boot;

/** {@code sessionkit.filter.*}: the servlet filter. */
public class FilterProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public FilterProperties() {}

  /**
   * The filter's order; default Ordered.HIGHEST_PRECEDENCE + 50. Must stay before Spring Security's
   * filter chain (spring.security.filter.order, -100 by default), or start-up fails.
   */
  private int order = SessionKitAutoConfiguration.DEFAULT_FILTER_ORDER;

  /**
   * Whether to trust X-Forwarded-Proto for cookie.secure=auto; only behind a proxy that always sets
   * it.
   */
  private boolean trustForwardedProto;

  /**
   * Whether sessions are bound to the browser family and OS they were made for (a stolen cookie
   * replayed from another kind of browser is refused).
   */
  private boolean bindUserAgent;

  /**
   * The answer a request gets when the session store fails (down, timing out): json (the status
   * with {"error":"session store unavailable"}), error-page (the status through the application's
   * error page, which Spring Boot renders as HTML for a browser and JSON for an API client), or
   * status (the status alone, no body).
   */
  private StoreFailure storeFailure = StoreFailure.JSON;

  /** The HTTP status of the answer to a store failure; default 503. */
  private int storeFailureStatus = 503;

  /**
   * Returns the order.
   *
   * @return the order
   */
  public int getOrder() {
    return order;
  }

  /**
   * Sets the order.
   *
   * @param order the order
   */
  public void setOrder(int order) {
    this.order = order;
  }

  /**
   * Returns whether X-Forwarded-Proto is trusted.
   *
   * @return the switch
   */
  public boolean isTrustForwardedProto() {
    return trustForwardedProto;
  }

  /**
   * Sets whether X-Forwarded-Proto is trusted.
   *
   * @param trustForwardedProto the switch
   */
  public void setTrustForwardedProto(boolean trustForwardedProto) {
    this.trustForwardedProto = trustForwardedProto;
  }

  /**
   * Returns whether sessions are bound to the browser family.
   *
   * @return the switch
   */
  public boolean isBindUserAgent() {
    return bindUserAgent;
  }

  /**
   * Sets whether sessions are bound to the browser family.
   *
   * @param bindUserAgent the switch
   */
  public void setBindUserAgent(boolean bindUserAgent) {
    this.bindUserAgent = bindUserAgent;
  }

  /**
   * Returns the answer to a store failure.
   *
   * @return the kind of answer
   */
  public StoreFailure getStoreFailure() {
    return storeFailure;
  }

  /**
   * Sets the answer to a store failure.
   *
   * @param storeFailure the kind of answer
   */
  public void setStoreFailure(StoreFailure storeFailure) {
    this.storeFailure = storeFailure;
  }

  /**
   * Returns the status of the answer to a store failure.
   *
   * @return the HTTP status
   */
  public int getStoreFailureStatus() {
    return storeFailureStatus;
  }

  /**
   * Sets the status of the answer to a store failure.
   *
   * @param storeFailureStatus the HTTP status, 400 to 599
   */
  public void setStoreFailureStatus(int storeFailureStatus) {
    this.storeFailureStatus = storeFailureStatus;
  }

  /** The answer a request gets when the session store fails. */
  public enum StoreFailure {
    /** The status with a JSON body: {@code {"error":"session store unavailable"}}. */
    JSON,
    /** The status through the application's error page ({@code sendError}). */
    ERROR_PAGE,
    /** The status alone, with no body. */
    STATUS
  }
}
