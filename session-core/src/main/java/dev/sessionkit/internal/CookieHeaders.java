package dev.sessionkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads cookie values out of {@code Cookie} request headers exactly: names compare byte for byte,
 * values are not URL-decoded, surrounding double quotes are kept (they never match a signed value),
 * and nothing throws.
 *
 * <p>When the same name appears more than once (a cookie set for a parent path or domain beside
 * ours), every value is returned in order of appearance, up to {@link #MAX_VALUES}; the engine
 * takes the first one that verifies. Values longer than {@link #MAX_VALUE_LENGTH} are skipped.
 */
public final class CookieHeaders {

  /** At most this many values of one name are returned. */
  public static final int MAX_VALUES = 4;

  /** Values longer than this are ignored (browsers drop larger cookies anyway). */
  public static final int MAX_VALUE_LENGTH = 4096;

  private CookieHeaders() {}

  /**
   * Returns the values of a cookie.
   *
   * @param headers the {@code Cookie} header values of one request; null entries are skipped
   * @param name the cookie name
   * @return the values in order, at most {@link #MAX_VALUES}
   */
  public static List<String> values(Iterable<String> headers, String name) {
    List<String> found = new ArrayList<>(1);
    if (headers == null) {
      return found;
    }
    for (String header : headers) {
      if (header != null) {
        scan(header, name, found);
      }
      if (found.size() >= MAX_VALUES) {
        break;
      }
    }
    return found;
  }

  private static void scan(String header, String name, List<String> found) {
    int n = header.length();
    int pos = 0;
    while (pos < n && found.size() < MAX_VALUES) {
      int end = header.indexOf(';', pos);
      if (end < 0) {
        end = n;
      }
      int start = skipSpaces(header, pos, end);
      int eq = header.indexOf('=', start);
      if (eq > start && eq < end) {
        int nameEnd = trimEnd(header, start, eq);
        if (nameEnd - start == name.length() && header.startsWith(name, start)) {
          int valueStart = skipSpaces(header, eq + 1, end);
          int valueEnd = trimEnd(header, valueStart, end);
          if (valueEnd - valueStart <= MAX_VALUE_LENGTH) {
            found.add(header.substring(valueStart, valueEnd));
          }
        }
      }
      pos = end + 1;
    }
  }

  private static int skipSpaces(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }
}
