package dev.sessionkit.internal;

/** The base64url alphabet (RFC 4648 section 5), for checks that must not allocate. */
final class Base64Url {

  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Base64Url() {}

  /** Returns the 6-bit value of {@code c}, or -1 when it is not in the alphabet. */
  static int valueOf(char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
