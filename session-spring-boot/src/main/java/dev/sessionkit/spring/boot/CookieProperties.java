package dev.sessionkit.spring.boot;

import dev.sessionkit.SameSite;
import dev.sessionkit.SecureMode;
import java.time.Duration;

/**
 * {@code sessionkit.cookie.*}: the session cookie; each takes precedence over
 * server.servlet.session.cookie.*.
 */
public class CookieProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public CookieProperties() {}

  /** The cookie name (without __Host-); default sid. */
  private String name;

  /** The cookie path; default /. */
  private String path;

  /** The cookie domain; default none (host-only). */
  private String domain;

  /** The cookie lifetime; default none (a cookie that ends with the browser session). */
  private Duration maxAge;

  /** Whether page scripts are denied the cookie; default true. */
  private Boolean httpOnly;

  /**
   * When the cookie is marked Secure: always (the default), never, or auto (when the request came
   * over HTTPS).
   */
  private SecureMode secure;

  /** The SameSite attribute: lax (the default), strict or none (needs secure=always). */
  private SameSite sameSite;

  /** Whether the cookie is Partitioned (CHIPS; needs secure=always); default false. */
  private Boolean partitioned;

  /** Whether the name carries the __Host- prefix (Secure, host-only, path /); default false. */
  private Boolean hostPrefix;

  /**
   * Returns the name.
   *
   * @return the name, or null for the default
   */
  public String getName() {
    return name;
  }

  /**
   * Sets the name.
   *
   * @param name the name
   */
  public void setName(String name) {
    this.name = name;
  }

  /**
   * Returns the path.
   *
   * @return the path, or null for the default
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets the path.
   *
   * @param path the path
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * Returns the domain.
   *
   * @return the domain, or null for none
   */
  public String getDomain() {
    return domain;
  }

  /**
   * Sets the domain.
   *
   * @param domain the domain
   */
  public void setDomain(String domain) {
    this.domain = domain;
  }

  /**
   * Returns the max-age.
   *
   * @return the max-age, or null for a browser-session cookie
   */
  public Duration getMaxAge() {
    return maxAge;
  }

  /**
   * Sets the max-age.
   *
   * @param maxAge the max-age
   */
  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /**
   * Returns the HttpOnly flag.
   *
   * @return the flag, or null for the default
   */
  public Boolean getHttpOnly() {
    return httpOnly;
  }

  /**
   * Sets the HttpOnly flag.
   *
   * @param httpOnly the flag
   */
  public void setHttpOnly(Boolean httpOnly) {
    this.httpOnly = httpOnly;
  }

  /**
   * Returns when the cookie is Secure.
   *
   * @return the mode, or null for the default
   */
  public SecureMode getSecure() {
    return secure;
  }

  /**
   * Sets when the cookie is Secure.
   *
   * @param secure the mode
   */
  public void setSecure(SecureMode secure) {
    this.secure = secure;
  }

  /**
   * Returns the SameSite attribute.
   *
   * @return the value, or null for the default
   */
  public SameSite getSameSite() {
    return sameSite;
  }

  /**
   * Sets the SameSite attribute.
   *
   * @param sameSite the value
   */
  public void setSameSite(SameSite sameSite) {
    this.sameSite = sameSite;
  }

  /**
   * Returns the Partitioned flag.
   *
   * @return the flag, or null for the default
   */
  public Boolean getPartitioned() {
    return partitioned;
  }

  /**
   * Sets the Partitioned flag.
   *
   * @param partitioned the flag
   */
  public void setPartitioned(Boolean partitioned) {
    this.partitioned = partitioned;
  }

  /**
   * Returns the __Host- prefix mode.
   *
   * @return the mode, or null for the default
   */
  public Boolean getHostPrefix() {
    return hostPrefix;
  }

  /**
   * Sets the __Host- prefix mode.
   *
   * @param hostPrefix the mode
   */
  public void setHostPrefix(Boolean hostPrefix) {
    this.hostPrefix = hostPrefix;
  }
}
