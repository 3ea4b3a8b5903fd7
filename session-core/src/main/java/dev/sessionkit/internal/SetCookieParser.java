package dev.sessionkit.internal;

import dev.sessionkit.SameSite;
import dev.sessionkit.SetCookie;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code Set-Cookie} headers back into {@link SetCookie} values, as a user agent would. The
 * engine never parses these; tests and tools that play the browser do.
 */
public final class SetCookieParser {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private SetCookieParser() {}

  /**
   * Parses a {@code Set-Cookie} header value, as a user agent would (RFC 6265 section 5.2), keeping
   * the attributes this library writes.
   *
   * @param header the header value
   * @return the cookie, or empty when the header has no name-value pair
   */
  public static Optional<SetCookie> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.split(";", -1);
    int eq = parts[0].indexOf('=');
    if (eq <= 0) {
      return Optional.empty();
    }
    String name = parts[0].substring(0, eq).trim();
    String value = parts[0].substring(eq + 1).trim();
    String path = "/";
    String domain = null;
    Duration maxAge = null;
    Instant expires = null;
    boolean secure = false;
    boolean httpOnly = false;
    SameSite sameSite = null;
    boolean partitioned = false;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int at = part.indexOf('=');
      String key = (at < 0 ? part : part.substring(0, at)).trim().toLowerCase(Locale.ROOT);
      String arg = at < 0 ? "" : part.substring(at + 1).trim();
      switch (key) {
        case "path" -> path = arg;
        case "domain" -> domain = arg;
        case "max-age" -> maxAge = parseSeconds(arg);
        case "expires" -> expires = parseDate(arg);
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        case "samesite" -> sameSite = parseSameSite(arg);
        case "partitioned" -> partitioned = true;
        default -> {
          // Unknown attributes are ignored, as RFC 6265 asks of user agents.
        }
      }
    }
    return Optional.of(
        new SetCookie(
            name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite, partitioned));
  }

  private static Duration parseSeconds(String arg) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(arg)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant parseDate(String arg) {
    try {
      return Instant.from(HTTP_DATE.parse(arg));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static SameSite parseSameSite(String arg) {
    for (SameSite s : SameSite.values()) {
      if (s.attribute().equalsIgnoreCase(arg)) {
        return s;
      }
    }
    return null;
  }
}
