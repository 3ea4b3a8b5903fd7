package dev.sessionkit.servlet;

import dev.sessionkit.SameSite;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code <session-config>} of an application's {@code web.xml}, as the container reports it:
 * each value the application set and SessionKit has a setting for, and a refusal naming each
 * element it has none for. The servlet API does not say whether a value was set or is the
 * container's default, so a value equal to the default (a 30 minute timeout, no name or {@code
 * JSESSIONID}, no path, no domain, {@code max-age} -1, {@code secure} and {@code http-only} false)
 * counts as unset; SessionKit's own defaults then apply.
 *
 * @param timeout {@code <session-timeout>}, or null
 * @param name {@code <cookie-config><name>}, or null
 * @param path {@code <path>}, or null
 * @param domain {@code <domain>}, or null
 * @param maxAge {@code <max-age>}, or null
 * @param httpOnly {@code <http-only>true}, or null
 * @param secure {@code <secure>true}, or null
 * @param sameSite {@code <attribute>} {@code SameSite}, or null
 * @param partitioned {@code <attribute>} {@code Partitioned}, or null
 */
record ContainerSessionConfig(
    Duration timeout,
    String name,
    String path,
    String domain,
    Duration maxAge,
    Boolean httpOnly,
    Boolean secure,
    SameSite sameSite,
    Boolean partitioned) {

  /** What the servlet specification's containers report when {@code web.xml} sets no timeout. */
  static final int DEFAULT_TIMEOUT_MINUTES = 30;

  /** Cookie attributes whose values the getters of {@link SessionCookieConfig} already report. */
  private static final Set<String> READ_BY_GETTERS =
      Set.of("name", "domain", "path", "max-age", "secure", "httponly", "comment");

  /**
   * Reads what the application's {@code <session-config>} set.
   *
   * @throws IllegalStateException naming every element SessionKit cannot honour
   */
  static ContainerSessionConfig read(ServletContext context) {
    List<String> refused = new ArrayList<>();
    int minutes = context.getSessionTimeout();
    Duration timeout = null;
    if (minutes <= 0) {
      refused.add(
          "<session-timeout>"
              + minutes
              + "</session-timeout> (sessions that never time out: SessionKit sessions always end)");
    } else if (minutes != DEFAULT_TIMEOUT_MINUTES) {
      timeout = Duration.ofMinutes(minutes);
    }
    Set<SessionTrackingMode> modes = context.getEffectiveSessionTrackingModes();
    if (!modes.equals(context.getDefaultSessionTrackingModes())) {
      for (SessionTrackingMode mode : modes) {
        if (mode != SessionTrackingMode.COOKIE) {
          refused.add(
              "<tracking-mode>" + mode + "</tracking-mode> (SessionKit tracks sessions by cookie)");
        }
      }
    }
    SessionCookieConfig cookie = context.getSessionCookieConfig();
    String name = cookie.getName();
    if ("JSESSIONID".equals(name)) {
      name = null;
    }
    Duration maxAge = null;
    if (cookie.getMaxAge() >= 0) {
      maxAge = Duration.ofSeconds(cookie.getMaxAge());
    }
    SameSite sameSite = null;
    Boolean partitioned = null;
    for (Map.Entry<String, String> attribute : cookie.getAttributes().entrySet()) {
      String key = attribute.getKey().toLowerCase(Locale.ROOT);
      String value = attribute.getValue() == null ? "" : attribute.getValue().trim();
      if (key.equals("samesite")) {
        sameSite = sameSite(value, refused);
      } else if (key.equals("partitioned")) {
        partitioned = value.isEmpty() || value.equalsIgnoreCase("true");
      } else if (!READ_BY_GETTERS.contains(key)) {
        refused.add(
            "<cookie-config><attribute> "
                + attribute.getKey()
                + " (SessionKit sets the cookie attributes it has settings for)");
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException(
          "SessionKit replaces the container's sessions and cannot honour "
              + String.join(", ", refused)
              + " in web.xml's <session-config>: remove "
              + (refused.size() == 1 ? "it" : "them")
              + ", or set the matching sessionkit.* setting");
    }
    return new ContainerSessionConfig(
        timeout,
        name,
        cookie.getPath(),
        cookie.getDomain(),
        maxAge,
        cookie.isHttpOnly() ? Boolean.TRUE : null,
        cookie.isSecure() ? Boolean.TRUE : null,
        sameSite,
        partitioned);
  }

  private static SameSite sameSite(String value, List<String> refused) {
    for (SameSite s : SameSite.values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    refused.add("<cookie-config><attribute> SameSite=" + value + " (Lax, Strict or None)");
    return null;
  }
}
