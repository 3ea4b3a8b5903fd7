package dev.sessionkit.examples;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The server-rendered pages' frame: the escaping every value goes through, the layout the static
 * page shares (same stylesheet, same header), and the headers every page gets.
 */
final class Html {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private Html() {}

  /** Escapes text for an element's content or a quoted attribute value. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A {@code <time>} element: the UTC date for everyone, the exact instant for scripts. */
  static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + WHEN.format(at) + "</time>";
  }

  /** How long ago, in words a person reads at a glance. */
  static String ago(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    if (d.toMinutes() < 1) {
      return "just now";
    }
    if (d.toHours() < 1) {
      return plural(d.toMinutes(), "minute") + " ago";
    }
    if (d.toDays() < 1) {
      return plural(d.toHours(), "hour") + " ago";
    }
    return plural(d.toDays(), "day") + " ago";
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /**
   * The whole page around a main section.
   *
   * @param title the page title, plain text
   * @param user who is signed in, or null
   * @param csrf the form token for the header's log-out button, or null when nobody is signed in
   * @param main the main section's HTML, already escaped
   */
  static String page(String title, String user, String csrf, String main) {
    StringBuilder nav = new StringBuilder();
    if (user != null) {
      nav.append("<span class=\"who\">Signed in as <strong>")
          .append(escape(user))
          .append("</strong></span>")
          .append("<a href=\"/sessions\">Your sessions</a>")
          .append("<form method=\"post\" action=\"/logout\" class=\"inline\">")
          .append(hidden("csrf", csrf))
          .append("<button type=\"submit\" class=\"link\">Log out</button></form>");
    }
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + " · SessionKit example</title>\n"
        + "<link rel=\"stylesheet\" href=\"/app.css\">\n"
        + "<script src=\"/sessions.js\" defer></script>\n</head>\n<body>\n"
        + "<header class=\"bar\"><a class=\"brand\" href=\"/\">SessionKit example</a><nav>"
        + nav
        + "</nav></header>\n<main>\n"
        + main
        + "\n</main>\n</body>\n</html>\n";
  }

  /** A hidden form field. */
  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\""
        + escape(name)
        + "\" value=\""
        + escape(value == null ? "" : value)
        + "\">";
  }

  /** Sends a page with the headers every page gets. */
  static void send(HttpServletResponse resp, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("text/html;charset=UTF-8");
    headers(resp);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  /**
   * The headers of every page: scripts and styles from this origin only (an injected inline script
   * would not run), never framed, never cached (a page can name its user and sessions).
   */
  static void headers(HttpServletResponse resp) {
    resp.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "same-origin");
    resp.setHeader("Cache-Control", "no-store");
  }

  /** A redirect after a form post: 303, so the browser follows with a GET. */
  static void seeOther(HttpServletResponse resp, String location) {
    resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
    resp.setHeader("Location", location);
    resp.setHeader("Cache-Control", "no-store");
  }
}
