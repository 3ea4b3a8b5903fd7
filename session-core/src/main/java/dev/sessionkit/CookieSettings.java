package dev.sessionkit;

import dev.sessionkit.internal.CookieSyntax;
import dev.sessionkit.spi.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * How the session cookie is named and which attributes it carries. Immutable; build with {@link
 * #builder()}. Invalid combinations are refused by {@link Builder#build()}.
 */
public final class CookieSettings {

  /** Default cookie name. */
  public static final String DEFAULT_NAME = "sid";

  /** Default cookie path. */
  public static final String DEFAULT_PATH = "/";

  /** Default {@code SameSite}. */
  public static final SameSite DEFAULT_SAME_SITE = SameSite.LAX;

  /** Default {@code Secure} mode. */
  public static final SecureMode DEFAULT_SECURE = SecureMode.ALWAYS;

  /** The longest lifetime browsers keep a cookie for (RFC 6265bis): 400 days. */
  public static final Duration MAX_MAX_AGE = Duration.ofDays(400);

  private static final String HOST_PREFIX = "__Host-";

  private final String name;
  private final String path;
  private final String domain;
  private final Duration maxAge;
  private final boolean httpOnly;
  private final SecureMode secure;
  private final SameSite sameSite;
  private final boolean partitioned;
  private final boolean hostPrefix;
  // Whether the application chose the name; a cookie format with a default name of its own
  // (express-session's connect.sid) replaces only a name nobody chose.
  private final boolean nameGiven;

  private CookieSettings(
      String name,
      String path,
      String domain,
      Duration maxAge,
      boolean httpOnly,
      SecureMode secure,
      SameSite sameSite,
      boolean partitioned,
      boolean hostPrefix,
      boolean nameGiven) {
    this.name = name;
    this.path = path;
    this.domain = domain;
    this.maxAge = maxAge;
    this.httpOnly = httpOnly;
    this.secure = secure;
    this.sameSite = sameSite;
    this.partitioned = partitioned;
    this.hostPrefix = hostPrefix;
    this.nameGiven = nameGiven;
  }

  /** These settings with another default name, unless the application chose one. */
  CookieSettings withDefaultName(String defaultName) {
    return nameGiven
        ? this
        : new CookieSettings(
            defaultName,
            path,
            domain,
            maxAge,
            httpOnly,
            secure,
            sameSite,
            partitioned,
            hostPrefix,
            false);
  }

  /**
   * Returns the defaults: {@code sid}, path {@code /}, no domain, a browser-session cookie,
   * HttpOnly, Secure always, SameSite=Lax.
   *
   * @return the default settings
   */
  public static CookieSettings defaults() {
    return builder().build();
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the full cookie name, with the {@code __Host-} prefix when that mode is on.
   *
   * @return the name as sent
   */
  public String name() {
    return hostPrefix ? HOST_PREFIX + name : name;
  }

  /**
   * Returns the path attribute.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the domain attribute, if any.
   *
   * @return the domain
   */
  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  /**
   * Returns the max-age; empty for a cookie that ends with the browser session.
   *
   * @return the max-age
   */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  /**
   * Returns whether the cookie is hidden from page scripts.
   *
   * @return the HttpOnly flag
   */
  public boolean httpOnly() {
    return httpOnly;
  }

  /**
   * Returns when the cookie is marked Secure.
   *
   * @return the mode
   */
  public SecureMode secure() {
    return secure;
  }

  /**
   * Returns the SameSite attribute.
   *
   * @return the SameSite value
   */
  public SameSite sameSite() {
    return sameSite;
  }

  /**
   * Returns whether the cookie is partitioned (CHIPS).
   *
   * @return the Partitioned flag
   */
  public boolean partitioned() {
    return partitioned;
  }

  /**
   * Returns whether the name carries the {@code __Host-} prefix.
   *
   * @return the host-prefix mode
   */
  public boolean hostPrefix() {
    return hostPrefix;
  }

  /** Builds {@link CookieSettings}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String path;
    // null while unset; empty for "none"
    private Optional<String> domain;
    private Optional<Duration> maxAge;
    private Boolean httpOnly;
    private SecureMode secure;
    private SameSite sameSite;
    private Boolean partitioned;
    private Boolean hostPrefix;

    private Builder() {}

    /**
     * Sets the cookie name (without {@code __Host-}; see {@link #hostPrefix}).
     *
     * @param name an RFC 6265 token
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Settings.once(this.name, name, "name");
      return this;
    }

    /**
     * Sets the path attribute.
     *
     * @param path a path starting with {@code /}
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Settings.once(this.path, path, "path");
      return this;
    }

    /**
     * Sets the domain attribute; null for none (host-only).
     *
     * @param domain the domain, or null
     * @return this builder
     */
    public Builder domain(String domain) {
      Settings.requireUnset(this.domain, "domain");
      this.domain = Optional.ofNullable(domain);
      return this;
    }

    /**
     * Sets the max-age; null for a cookie that ends with the browser session.
     *
     * @param maxAge a positive duration, or null
     * @return this builder
     */
    public Builder maxAge(Duration maxAge) {
      Settings.requireUnset(this.maxAge, "maxAge");
      this.maxAge = Optional.ofNullable(maxAge);
      return this;
    }

    /**
     * Sets the HttpOnly flag.
     *
     * @param httpOnly whether page scripts are denied the cookie
     * @return this builder
     */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = Settings.once(this.httpOnly, httpOnly, "httpOnly");
      return this;
    }

    /**
     * Sets when the cookie is marked Secure.
     *
     * @param secure the mode
     * @return this builder
     */
    public Builder secure(SecureMode secure) {
      this.secure = Settings.once(this.secure, secure, "secure");
      return this;
    }

    /**
     * Sets the SameSite attribute.
     *
     * @param sameSite the value
     * @return this builder
     */
    public Builder sameSite(SameSite sameSite) {
      this.sameSite = Settings.once(this.sameSite, sameSite, "sameSite");
      return this;
    }

    /**
     * Sets the Partitioned flag (CHIPS); requires Secure.
     *
     * @param partitioned whether the cookie is partitioned
     * @return this builder
     */
    public Builder partitioned(boolean partitioned) {
      this.partitioned = Settings.once(this.partitioned, partitioned, "partitioned");
      return this;
    }

    /**
     * Turns the {@code __Host-} prefix on: the cookie is then Secure, host-only and for path {@code
     * /}, which browsers enforce.
     *
     * @param hostPrefix whether to prefix the name
     * @return this builder
     */
    public Builder hostPrefix(boolean hostPrefix) {
      this.hostPrefix = Settings.once(this.hostPrefix, hostPrefix, "hostPrefix");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the settings
     * @throws IllegalArgumentException for a name, path or domain outside RFC 6265, or a
     *     non-positive max-age
     * @throws IllegalStateException for settings that conflict (named in the message)
     */
    public CookieSettings build() {
      String name = Settings.orDefault(this.name, DEFAULT_NAME);
      String path = Settings.orDefault(this.path, DEFAULT_PATH);
      String domain = this.domain == null ? null : this.domain.orElse(null);
      Duration maxAge = this.maxAge == null ? null : this.maxAge.orElse(null);
      boolean httpOnly = Settings.orDefault(this.httpOnly, true);
      SecureMode secure = Settings.orDefault(this.secure, DEFAULT_SECURE);
      SameSite sameSite = Settings.orDefault(this.sameSite, DEFAULT_SAME_SITE);
      boolean partitioned = Settings.orDefault(this.partitioned, false);
      boolean hostPrefix = Settings.orDefault(this.hostPrefix, false);
      if (!CookieSyntax.isToken(name)) {
        throw new IllegalArgumentException("cookie name is not an RFC 6265 token: " + name);
      }
      if (!path.startsWith("/") || !CookieSyntax.isAttributeValue(path)) {
        throw new IllegalArgumentException("cookie path must start with / and be plain text");
      }
      if (domain != null && (domain.isEmpty() || !CookieSyntax.isAttributeValue(domain))) {
        throw new IllegalArgumentException("cookie domain is not valid: " + domain);
      }
      if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
        throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      }
      if (maxAge != null && maxAge.compareTo(MAX_MAX_AGE) > 0) {
        throw new IllegalArgumentException(
            "maxAge must be at most 400 days (browsers cap cookie lifetimes there, RFC 6265bis): "
                + maxAge);
      }
      // Browsers drop a SameSite=None or Partitioned cookie without Secure; with AUTO a plain-http
      // request would get exactly that cookie, so only ALWAYS is sound.
      if (sameSite == SameSite.NONE && secure != SecureMode.ALWAYS) {
        throw new IllegalStateException(
            "SameSite=None requires secure ALWAYS (secure is " + secure + ")");
      }
      if (partitioned && secure != SecureMode.ALWAYS) {
        throw new IllegalStateException(
            "Partitioned requires secure ALWAYS (secure is " + secure + ")");
      }
      if (hostPrefix) {
        if (domain != null) {
          throw new IllegalStateException("a __Host- cookie cannot have a Domain");
        }
        if (!path.equals("/")) {
          throw new IllegalStateException(
              "a __Host- cookie must have Path=/ (path is " + path + ")");
        }
        if (secure != SecureMode.ALWAYS) {
          throw new IllegalStateException("a __Host- cookie must be Secure always");
        }
      }
      return new CookieSettings(
          name,
          path,
          domain,
          maxAge,
          httpOnly,
          secure,
          sameSite,
          partitioned,
          hostPrefix,
          this.name != null);
    }
  }
}
