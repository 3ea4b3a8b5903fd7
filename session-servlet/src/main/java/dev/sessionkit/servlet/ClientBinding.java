package dev.sessionkit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Describes the kind of client a request comes from, for client binding (opt-in, {@link
 * SessionFilter.Builder#clientBinding}): a session remembers the description of the client it was
 * made for, and a request whose description differs is treated as having no session. A stolen
 * cookie replayed from another kind of browser is then worth nothing.
 *
 * <p>Trade-offs: the description must stay the same across a user's ordinary life (browser updates,
 * a new network), so it is coarse, and an attacker who copies the cookie and the User-Agent passes
 * it; IP addresses make poor bindings (mobile networks, proxies). Implementations must be
 * thread-safe and return at most 200 characters.
 */
@FunctionalInterface
public interface ClientBinding {

  /**
   * Describes a request's client.
   *
   * @param request the request
   * @return a short description, or null to leave this request unbound
   */
  String describe(HttpServletRequest request);

  /**
   * Binds to the browser family and operating system read from the User-Agent ("Firefox on Linux"),
   * ignoring versions.
   *
   * @return the binding
   */
  static ClientBinding userAgentFamily() {
    return request -> family(request.getHeader("User-Agent"));
  }

  /**
   * Reads a browser family and operating system from a User-Agent header.
   *
   * @param userAgent the header, possibly null or hostile
   * @return for example {@code "Chrome on Windows"}; {@code "other on other"} when unknown
   */
  static String family(String userAgent) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    String browser;
    if (ua.contains("edg/")) {
      browser = "Edge";
    } else if (ua.contains("opr/") || ua.contains("opera")) {
      browser = "Opera";
    } else if (ua.contains("firefox/")) {
      browser = "Firefox";
    } else if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) {
      browser = "Chrome";
    } else if (ua.contains("safari/")) {
      browser = "Safari";
    } else if (ua.startsWith("curl/")) {
      browser = "curl";
    } else {
      browser = "other";
    }
    String os;
    if (ua.contains("android")) {
      os = "Android";
    } else if (ua.contains("iphone") || ua.contains("ipad")) {
      os = "iOS";
    } else if (ua.contains("windows")) {
      os = "Windows";
    } else if (ua.contains("mac os x") || ua.contains("macintosh")) {
      os = "macOS";
    } else if (ua.contains("cros")) {
      os = "ChromeOS";
    } else if (ua.contains("linux")) {
      os = "Linux";
    } else {
      os = "other";
    }
    return browser + " on " + os;
  }
}
