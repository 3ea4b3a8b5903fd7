package dev.sessionkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code Set-Cookie} header, as the engine decides it and as a test reads it back.
 *
 * @param name the cookie name
 * @param value the cookie value; empty when clearing
 * @param path the Path attribute
 * @param domain the Domain attribute, or null
 * @param maxAge the Max-Age attribute, or null for a browser-session cookie
 * @param expires the Expires attribute (written with Max-Age for old clients), or null
 * @param secure the Secure flag
 * @param httpOnly the HttpOnly flag
 * @param sameSite the SameSite attribute, or null
 * @param partitioned the Partitioned flag
 */
public record SetCookie(
    String name,
    String value,
    String path,
    String domain,
    Duration maxAge,
    Instant expires,
    boolean secure,
    boolean httpOnly,
    SameSite sameSite,
    boolean partitioned) {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code name}, {@code value} or {@code path} is null
   */
  public SetCookie {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Builds the cookie that carries a session value.
   *
   * @param settings the cookie settings
   * @param value the signed or sealed value
   * @param requestSecure whether the request came over HTTPS
   * @param now the current time, for Expires
   * @return the cookie
   */
  public static SetCookie session(
      CookieSettings settings, String value, boolean requestSecure, Instant now) {
    return session(settings, value, requestSecure, now, settings.maxAge().orElse(null));
  }

  /**
   * Builds the cookie that carries a session value, with this session's own lifetime.
   *
   * @param settings the cookie settings
   * @param value the signed or sealed value
   * @param requestSecure whether the request came over HTTPS
   * @param now the current time, for Expires
   * @param maxAge the cookie's Max-Age, or null for a cookie that ends with the browser session
   * @return the cookie
   */
  public static SetCookie session(
      CookieSettings settings, String value, boolean requestSecure, Instant now, Duration maxAge) {
    return new SetCookie(
        settings.name(),
        value,
        settings.path(),
        settings.domain().orElse(null),
        maxAge,
        maxAge == null ? null : now.plus(maxAge),
        settings.secure().secure(requestSecure),
        settings.httpOnly(),
        settings.sameSite(),
        settings.partitioned());
  }

  /**
   * Builds the cookie that tells the browser to drop the session cookie: same name, Path and
   * Domain, empty value, {@code Max-Age=0}, Expires in 1970.
   *
   * @param settings the cookie settings
   * @param requestSecure whether the request came over HTTPS
   * @return the clearing cookie
   */
  public static SetCookie clearing(CookieSettings settings, boolean requestSecure) {
    return new SetCookie(
        settings.name(),
        "",
        settings.path(),
        settings.domain().orElse(null),
        Duration.ZERO,
        Instant.EPOCH,
        settings.secure().secure(requestSecure),
        settings.httpOnly(),
        settings.sameSite(),
        settings.partitioned());
  }

  /**
   * Returns whether this cookie removes the session cookie.
   *
   * @return true for a clearing cookie
   */
  public boolean isClearing() {
    return maxAge != null ? maxAge.isZero() : Instant.EPOCH.equals(expires);
  }

  /**
   * Returns this cookie with {@code Expires} alone, as express-session sends it.
   *
   * @return the cookie without Max-Age
   */
  public SetCookie withoutMaxAge() {
    return new SetCookie(
        name, value, path, domain, null, expires, secure, httpOnly, sameSite, partitioned);
  }

  /**
   * Renders the header value.
   *
   * @return the text after {@code Set-Cookie: }
   */
  public String render() {
    StringBuilder sb = new StringBuilder(160).append(name).append('=').append(value);
    sb.append("; Path=").append(path);
    if (domain != null) {
      sb.append("; Domain=").append(domain);
    }
    if (maxAge != null) {
      sb.append("; Max-Age=").append(maxAge.toSeconds());
    }
    if (expires != null) {
      sb.append("; Expires=").append(HTTP_DATE.format(expires));
    }
    if (secure) {
      sb.append("; Secure");
    }
    if (httpOnly) {
      sb.append("; HttpOnly");
    }
    if (sameSite != null) {
      sb.append("; SameSite=").append(sameSite.attribute());
    }
    if (partitioned) {
      sb.append("; Partitioned");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SetCookie[" + name + (isClearing() ? ", clearing" : ", value redacted") + "]";
  }
}
