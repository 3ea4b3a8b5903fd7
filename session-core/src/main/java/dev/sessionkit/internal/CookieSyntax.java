package dev.sessionkit.internal;

/** The character classes of RFC 6265 section 4.1.1. */
public final class CookieSyntax {

  private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

  private CookieSyntax() {}

  /** An RFC 2616 token: visible ASCII without separators. */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** A cookie-octet run: visible ASCII without {@code " , ; \} and space. */
  public static boolean isValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** An attribute value: visible ASCII and space, without {@code ;}. */
  public static boolean isAttributeValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == ';') {
        return false;
      }
    }
    return true;
  }
}
