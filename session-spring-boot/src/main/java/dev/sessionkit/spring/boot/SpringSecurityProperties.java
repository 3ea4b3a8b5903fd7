package dev.sessionkit.spring.boot;

/** {@code sessionkit.security.*}: Spring Security's session attributes. */
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
}
