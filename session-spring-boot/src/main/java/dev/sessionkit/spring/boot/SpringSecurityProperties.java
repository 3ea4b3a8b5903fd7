package dev.sessionkit.spring.boot;

/**
 * {@code sessionkit.security.*}: how SessionKit works with Spring Security, when it is on the class
 * path.
 */
public class SpringSecurityProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public SpringSecurityProperties() {}

  /**
   * Whether Spring Security's session attributes (security context, saved request, CSRF token, last
   * authentication error) are registered, so that they are stored as JSON through Spring Security's
   * own Jackson modules. On when Spring Security is on the class path.
   */
  private boolean attributes = true;

  /**
   * Whether the session's principal follows Spring Security's authentication: set to
   * Authentication.getName() when the security context is saved in the session (form login, HTTP
   * Basic with sessions, OAuth2 login, remember-me), cleared when it is removed. The per-principal
   * cap, "your sessions" and the SessionRegistry rely on it.
   */
  private boolean principal = true;

  /**
   * Whether a SessionRegistry on SessionKit's per-principal index is provided (unless the
   * application has one), so that Spring Security's maximumSessions counts every node's sessions.
   */
  private boolean sessionRegistry = true;

  /**
   * Returns whether Spring Security's attributes are registered.
   *
   * @return the switch
   */
  public boolean isAttributes() {
    return attributes;
  }

  /**
   * Sets whether Spring Security's attributes are registered.
   *
   * @param attributes the switch
   */
  public void setAttributes(boolean attributes) {
    this.attributes = attributes;
  }

  /**
   * Returns whether the principal follows Spring Security's authentication.
   *
   * @return the switch
   */
  public boolean isPrincipal() {
    return principal;
  }

  /**
   * Sets whether the principal follows Spring Security's authentication.
   *
   * @param principal the switch
   */
  public void setPrincipal(boolean principal) {
    this.principal = principal;
  }

  /**
   * Returns whether the SessionRegistry is provided.
   *
   * @return the switch
   */
  public boolean isSessionRegistry() {
    return sessionRegistry;
  }

  /**
   * Sets whether the SessionRegistry is provided.
   *
   * @param sessionRegistry the switch
   */
  public void setSessionRegistry(boolean sessionRegistry) {
    this.sessionRegistry = sessionRegistry;
  }
}
