package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link SessionKey} as the store keeps it: the 256 bits of the 64 hex digits in four longs, 48
 * bytes on the heap where the key's string takes about 120. Immutable.
 */
final class MemoryKey {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long a;
  private final long b;
  private final long c;
  private final long d;

  private MemoryKey(long a, long b, long c, long d) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Reads the key's hex digits, which {@link SessionKey} has already checked. */
  static MemoryKey of(SessionKey key) {
    return of(key, new byte[64]);
  }

  /**
   * Reads the key's hex digits through {@code scratch}, 64 bytes the caller owns: one copy of the
   * Latin-1 chars, then eight digits at a time. A char-by-char loop costs several times as much,
   * and every store operation parses a key.
   */
  @SuppressWarnings("deprecation") // exact for chars below 256, which hex digits are; no copy
  static MemoryKey of(SessionKey key, byte[] scratch) {
    key.value().getBytes(0, 64, scratch, 0);
    return new MemoryKey(bits(scratch, 0), bits(scratch, 16), bits(scratch, 32), bits(scratch, 48));
  }

  private static long bits(byte[] hex, int from) {
    return digits((long) LONGS.get(hex, from)) << 32 | digits((long) LONGS.get(hex, from + 8));
  }

  /** The 32 bits of eight lowercase hex digits, the first digit in the most significant byte. */
  private static long digits(long chars) {
    // '0'..'9' are 0x30..0x39 and 'a'..'f' are 0x61..0x66: the low nibble, plus 9 for letters.
    long v = (chars & 0x0F0F0F0F0F0F0F0FL) + 9 * ((chars >>> 6) & 0x0101010101010101L);
    // Gather the eight nibbles, one per byte, into the low 32 bits.
    v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
    v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
    return (v | (v >>> 16)) & 0xFFFFFFFFL;
  }

  /** Writes the hex digits back, for events, listings and the snapshot file. */
  SessionKey toSessionKey() {
    char[] hex = new char[64];
    digits(hex, 0, a);
    digits(hex, 16, b);
    digits(hex, 32, c);
    digits(hex, 48, d);
    return new SessionKey(new String(hex));
  }

  private static void digits(char[] hex, int from, long bits) {
    for (int i = from + 15; i >= from; i--) {
      hex[i] = HEX[(int) bits & 0xF];
      bits >>>= 4;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemoryKey k && a == k.a && b == k.b && c == k.c && d == k.d;
  }

  @Override
  public int hashCode() {
    // The key is a SHA-256 hash already: any 32 of its bits are as good as any other.
    return (int) d;
  }

  @Override
  public String toString() {
    return toSessionKey().toString();
  }
}
