package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link SessionKey} as the store keeps it: the key's 256 bits in four longs, 48 bytes on the
 * heap where the key's string takes about 120. Equal by the key alone.
 *
 * <p>The instance the cache keeps is also the value it maps the key to: it holds the session's
 * packed bytes, which a write swaps with a compare-and-set, without going through the cache. The
 * reference fits in the padding after the object header, so holding it costs no byte. Removing the
 * entry {@linkplain #kill() kills} it (the bytes become null), so that a late compare-and-set from
 * bytes read before the removal fails and nothing brings the session back. A key made to look one
 * up holds nothing.
 */
final class MemoryKey {

  private static final VarHandle PACKED;

  static {
    try {
      PACKED = MethodHandles.lookup().findVarHandle(MemoryKey.class, "packed", byte[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long a;
  private final long b;
  private final long c;
  private final long d;

  @SuppressWarnings("unused") // through PACKED
  private volatile byte[] packed;

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

  /** The session's bytes, or null once the entry is removed (or for a key made for a lookup). */
  byte[] bytes() {
    return packed;
  }

  /** Holds the bytes of a session just written under this key. */
  MemoryKey holding(byte[] bytes) {
    packed = bytes;
    return this;
  }

  /**
   * Replaces {@code expected} with {@code next}; fails if another write or a removal came first.
   */
  boolean swap(byte[] expected, byte[] next) {
    return PACKED.compareAndSet(this, expected, next);
  }

  /** Marks the entry removed, for good. Returns the bytes it held, null if it was dead already. */
  byte[] kill() {
    return (byte[]) PACKED.getAndSet(this, (byte[]) null);
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
