package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link SessionKey} as the store keeps it: the key's 256 bits in four longs, 48 bytes on the
 * heap where the key's string takes about 120. Immutable.
 */
final class MemoryKey {

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

  /** The key's bits, as {@link SessionKey} holds them; a hash key, never a raw id. */
  static MemoryKey of(SessionKey key) {
    return new MemoryKey(key.word(0), key.word(1), key.word(2), key.word(3));
  }

  /** The key as the engine knows it, for events, listings and the snapshot file. */
  SessionKey toSessionKey() {
    byte[] hash = new byte[32];
    LONGS.set(hash, 0, a);
    LONGS.set(hash, 8, b);
    LONGS.set(hash, 16, c);
    LONGS.set(hash, 24, d);
    return SessionKey.ofHash(hash);
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
