package dev.sessionkit.memory;

import java.nio.charset.StandardCharsets;

/**
 * Strings inside a packed session: a varint header {@code length << 1 | utf16}, then the bytes. A
 * string whose chars all fit in one byte is stored as Latin-1, one byte a char; any other is stored
 * as UTF-16, two bytes a char, big-endian. These are the JDK's own two string forms, so every
 * string round-trips exactly, lone surrogates included (UTF-8 would replace those), and decoding
 * Latin-1 is a plain copy. The form is canonical, so equal strings have equal bytes.
 */
final class PackedText {

  private PackedText() {}

  /** Whether every char fits in one byte. */
  static boolean isLatin1(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** The bytes the string takes, header included. */
  static long size(String s, boolean latin1) {
    long length = latin1 ? s.length() : 2L * s.length();
    return varintSize(header(length, latin1)) + length;
  }

  private static int header(long length, boolean latin1) {
    long header = length << 1 | (latin1 ? 0 : 1);
    if (header > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("attribute too large for the memory store");
    }
    return (int) header;
  }

  /** The string with its header, as it is stored. */
  static byte[] encode(String s) {
    boolean latin1 = isLatin1(s);
    long size = size(s, latin1);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("attribute too large for the memory store");
    }
    byte[] b = new byte[(int) size];
    write(b, 0, s, latin1);
    return b;
  }

  /** Writes the string at {@code pos}; returns the position after it. */
  static int write(byte[] dst, int pos, String s, boolean latin1) {
    int n = s.length();
    pos = writeVarint(dst, pos, header(latin1 ? n : 2L * n, latin1));
    if (latin1) {
      for (int i = 0; i < n; i++) {
        dst[pos + i] = (byte) s.charAt(i);
      }
      return pos + n;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      dst[pos++] = (byte) (c >>> 8);
      dst[pos++] = (byte) c;
    }
    return pos;
  }

  /** Returns the position after the string at {@code pos}. */
  static int skip(byte[] b, int pos) {
    int header = readVarint(b, pos);
    return pos + varintSize(header) + (header >>> 1);
  }

  /** Decodes the string at {@code pos}. */
  static String read(byte[] b, int pos) {
    int header = readVarint(b, pos);
    int from = pos + varintSize(header);
    int length = header >>> 1;
    if ((header & 1) == 0) {
      return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[length >>> 1];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((b[from + 2 * i] & 0xFF) << 8 | (b[from + 2 * i + 1] & 0xFF));
    }
    return new String(chars);
  }

  /** Whether the string at {@code pos} equals {@code s}, without decoding it. */
  static boolean matches(byte[] b, int pos, String s) {
    int header = readVarint(b, pos);
    int from = pos + varintSize(header);
    int length = header >>> 1;
    int n = s.length();
    if ((header & 1) == 0) {
      if (length != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if ((b[from + i] & 0xFF) != s.charAt(i)) {
          return false;
        }
      }
      return true;
    }
    if (length != 2 * n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (((b[from + 2 * i] & 0xFF) << 8 | (b[from + 2 * i + 1] & 0xFF)) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes a non-negative int takes as a varint: 7 bits a byte. */
  static int varintSize(int value) {
    return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
  }

  static int writeVarint(byte[] dst, int pos, int value) {
    while (value >= 0x80) {
      dst[pos++] = (byte) (value | 0x80);
      value >>>= 7;
    }
    dst[pos++] = (byte) value;
    return pos;
  }

  /** Reads a varint; its size is {@link #varintSize} of the value, as writing is minimal. */
  static int readVarint(byte[] b, int pos) {
    int value = b[pos];
    if (value >= 0) {
      return value;
    }
    value &= 0x7F;
    for (int shift = 7; ; shift += 7) {
      int next = b[++pos];
      value |= (next & 0x7F) << shift;
      if (next >= 0) {
        return value;
      }
    }
  }
}
