package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One stored session as a single immutable {@code byte[]}: what the cache holds for each key,
 * instead of a {@link SessionRecord} with its instants, map and strings.
 *
 * <pre>
 *  0  creation time         long, epoch millis
 *  8  last access time      long, epoch millis
 * 16  idle timeout          long, millis
 * 24  absolute deadline     long, epoch millis; 0 when there is none
 * 32  flags                 byte: 1 = principal, 2 = absolute deadline
 * 33  principal             text (see PackedText), when flag 1
 *     attribute count       varint
 *     attributes            name text, value text, ...
 * </pre>
 *
 * <p>Instants and durations are kept to the millisecond, as the store contract allows (engine
 * clocks that tick finer are truncated); ones beyond the range of epoch millis saturate. An array
 * is never changed once it is in the cache: every write packs a new one, so readers need no lock.
 */
final class Packed {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private static final int CREATION = 0;
  private static final int LAST_ACCESS = 8;
  private static final int IDLE = 16;
  private static final int ABSOLUTE = 24;
  private static final int FLAGS = 32;
  private static final int HEADER = 33;

  private static final int HAS_PRINCIPAL = 1;
  private static final int HAS_ABSOLUTE = 2;

  private static final String[] NONE = {};
  private static final byte[] NONE_BYTES = {};

  /**
   * Most sessions share one idle timeout: a load reuses its {@link Duration} rather than allocating
   * one. A race between two timeouts costs an allocation, never a wrong value (Durations are
   * immutable and safely published through their final fields).
   */
  private static Duration sharedIdleTimeout = Duration.ofMinutes(30);

  private Packed() {}

  /** Packs a whole record. */
  static byte[] of(SessionRecord record) {
    String principal = record.principal();
    boolean principalLatin1 = principal != null && PackedText.isLatin1(principal);
    long size = HEADER + (principal == null ? 0 : PackedText.size(principal, principalLatin1));
    Map<String, String> attributes = record.attributes();
    if (attributes instanceof PackedAttributes packed) {
      // Our own bytes (a regenerated session): copied whole, nothing to encode.
      byte[] from = packed.bytes();
      int count = packed.size();
      int length = from.length - packed.start();
      byte[] p = newArray(size + PackedText.varintSize(count) + length);
      int pos = writeHeader(p, record, principal, principalLatin1);
      pos = PackedText.writeVarint(p, pos, count);
      System.arraycopy(from, packed.start(), p, pos, length);
      return p;
    }
    int count = attributes.size();
    String[] texts = new String[2 * count];
    boolean[] latin1 = new boolean[2 * count];
    int i = 0;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      texts[i] = e.getKey();
      texts[i + 1] = e.getValue();
      i += 2;
    }
    size += PackedText.varintSize(count);
    for (i = 0; i < texts.length; i++) {
      latin1[i] = PackedText.isLatin1(texts[i]);
      size += PackedText.size(texts[i], latin1[i]);
    }
    byte[] p = newArray(size);
    int pos = writeHeader(p, record, principal, principalLatin1);
    pos = PackedText.writeVarint(p, pos, count);
    for (i = 0; i < texts.length; i++) {
      pos = PackedText.write(p, pos, texts[i], latin1[i]);
    }
    return p;
  }

  private static int writeHeader(
      byte[] p, SessionRecord record, String principal, boolean principalLatin1) {
    Instant absolute = record.absoluteDeadline();
    setLong(p, CREATION, millis(record.creationTime()));
    setLong(p, LAST_ACCESS, millis(record.lastAccessTime()));
    setLong(p, IDLE, millis(record.idleTimeout()));
    setLong(p, ABSOLUTE, absolute == null ? 0 : millis(absolute));
    p[FLAGS] =
        (byte) ((principal == null ? 0 : HAS_PRINCIPAL) | (absolute == null ? 0 : HAS_ABSOLUTE));
    return principal == null ? HEADER : PackedText.write(p, HEADER, principal, principalLatin1);
  }

  /**
   * Packs {@code current} with the delta applied: attributes it sets or removes are dropped, the
   * rest copied as bytes without decoding, the new values appended.
   */
  static byte[] apply(byte[] current, SessionDelta delta) {
    if (delta.set().size() == 1 && delta.removed().isEmpty() && !delta.principalChanged()) {
      return applyOne(current, delta);
    }
    int attributesAt = attributesAt(current);
    int count = PackedText.readVarint(current, attributesAt);
    int first = attributesAt + PackedText.varintSize(count);

    // The names and values the delta sets, side by side: name, value, name, value, ...
    Map<String, String> set = delta.set();
    String[] added = new String[2 * set.size()];
    int n = 0;
    for (Map.Entry<String, String> e : set.entrySet()) {
      added[n++] = e.getKey();
      added[n++] = e.getValue();
    }
    long addedBytes = 0;
    for (String text : added) {
      addedBytes += PackedText.size(text, PackedText.isLatin1(text));
    }
    Set<String> removed = delta.removed();
    String[] removedNames = removed.isEmpty() ? NONE : removed.toArray(NONE);

    boolean principalChanged = delta.principalChanged();
    String principal = principalChanged ? delta.principal() : null;
    byte[] principalBytes = principal == null ? NONE_BYTES : PackedText.encode(principal);
    int prefix = principalChanged ? HEADER + principalBytes.length : attributesAt;

    // First pass: which stored attributes stay (the first 64 remembered in a mask), their bytes.
    long droppedMask = 0;
    int kept = 0;
    long keptBytes = 0;
    int pos = first;
    for (int i = 0; i < count; i++) {
      int next = PackedText.skip(current, PackedText.skip(current, pos));
      if (touched(current, pos, added, removedNames)) {
        droppedMask |= i < 64 ? 1L << i : 0;
      } else {
        kept++;
        keptBytes += next - pos;
      }
      pos = next;
    }
    int newCount = kept + set.size();
    byte[] p = newArray(prefix + PackedText.varintSize(newCount) + keptBytes + addedBytes);

    setLong(p, CREATION, getLong(current, CREATION));
    setLong(p, LAST_ACCESS, millis(delta.lastAccessTime()));
    setLong(p, IDLE, millis(delta.idleTimeout()));
    setLong(p, ABSOLUTE, getLong(current, ABSOLUTE));
    if (principalChanged) {
      p[FLAGS] = (byte) ((current[FLAGS] & HAS_ABSOLUTE) | (principal == null ? 0 : HAS_PRINCIPAL));
      System.arraycopy(principalBytes, 0, p, HEADER, principalBytes.length);
    } else {
      p[FLAGS] = current[FLAGS];
      System.arraycopy(current, HEADER, p, HEADER, attributesAt - HEADER);
    }
    int out = PackedText.writeVarint(p, prefix, newCount);

    // Second pass: copy the attributes that stay, a run of neighbours at a time.
    int run = first;
    pos = first;
    for (int i = 0; i < count; i++) {
      int next = PackedText.skip(current, PackedText.skip(current, pos));
      boolean dropped =
          i < 64 ? (droppedMask & 1L << i) != 0 : touched(current, pos, added, removedNames);
      if (dropped) {
        System.arraycopy(current, run, p, out, pos - run);
        out += pos - run;
        run = next;
      }
      pos = next;
    }
    System.arraycopy(current, run, p, out, pos - run);
    out += pos - run;
    for (String text : added) {
      out = PackedText.write(p, out, text, PackedText.isLatin1(text));
    }
    return p;
  }

  /**
   * The common request's delta, one attribute set: every byte but that attribute's value (or, for a
   * new name, the count) is copied as it stands, in at most three runs.
   */
  private static byte[] applyOne(byte[] current, SessionDelta delta) {
    Map.Entry<String, String> change = delta.set().entrySet().iterator().next();
    String name = change.getKey();
    String value = change.getValue();
    boolean valueLatin1 = PackedText.isLatin1(value);
    long valueSize = PackedText.size(value, valueLatin1);
    int attributesAt = attributesAt(current);
    int count = PackedText.readVarint(current, attributesAt);
    int pos = attributesAt + PackedText.varintSize(count);
    for (int i = 0; i < count; i++) {
      int valueAt = PackedText.skip(current, pos);
      int next = PackedText.skip(current, valueAt);
      if (PackedText.matches(current, pos, name)) {
        // Header, the attributes before it and its name; the new value; the attributes after it.
        byte[] p = newArray(valueAt + valueSize + (current.length - next));
        System.arraycopy(current, 0, p, 0, valueAt);
        int out = PackedText.write(p, valueAt, value, valueLatin1);
        System.arraycopy(current, next, p, out, current.length - next);
        writeTimes(p, delta);
        return p;
      }
      pos = next;
    }
    // A new name: the header, the count plus one, every stored attribute, then the new one.
    boolean nameLatin1 = PackedText.isLatin1(name);
    int first = attributesAt + PackedText.varintSize(count);
    int countSize = PackedText.varintSize(count + 1);
    byte[] p =
        newArray(
            attributesAt
                + countSize
                + (current.length - first)
                + PackedText.size(name, nameLatin1)
                + valueSize);
    System.arraycopy(current, 0, p, 0, attributesAt);
    int out = PackedText.writeVarint(p, attributesAt, count + 1);
    System.arraycopy(current, first, p, out, current.length - first);
    out += current.length - first;
    out = PackedText.write(p, out, name, nameLatin1);
    PackedText.write(p, out, value, valueLatin1);
    writeTimes(p, delta);
    return p;
  }

  /** The times a delta writes over a copied header. */
  private static void writeTimes(byte[] p, SessionDelta delta) {
    setLong(p, LAST_ACCESS, millis(delta.lastAccessTime()));
    setLong(p, IDLE, millis(delta.idleTimeout()));
  }

  /** Whether the stored name at {@code at} is set (even places of {@code added}) or removed. */
  private static boolean touched(byte[] p, int at, String[] added, String[] removed) {
    for (int i = 0; i < added.length; i += 2) {
      if (PackedText.matches(p, at, added[i])) {
        return true;
      }
    }
    for (String name : removed) {
      if (PackedText.matches(p, at, name)) {
        return true;
      }
    }
    return false;
  }

  /** Packs {@code current} with a new last access time. */
  static byte[] touch(byte[] current, Instant lastAccessTime) {
    byte[] p = current.clone();
    setLong(p, LAST_ACCESS, millis(lastAccessTime));
    return p;
  }

  /** Unpacks a record under the caller's key; its attributes are a lazy view of the bytes. */
  static SessionRecord toRecord(SessionKey key, byte[] p) {
    int flags = p[FLAGS];
    int attributesAt = attributesAt(p);
    int count = PackedText.readVarint(p, attributesAt);
    return new SessionRecord(
        key,
        Instant.ofEpochMilli(getLong(p, CREATION)),
        Instant.ofEpochMilli(getLong(p, LAST_ACCESS)),
        idleTimeout(getLong(p, IDLE)),
        (flags & HAS_ABSOLUTE) == 0 ? null : Instant.ofEpochMilli(getLong(p, ABSOLUTE)),
        (flags & HAS_PRINCIPAL) == 0 ? null : PackedText.read(p, HEADER),
        new PackedAttributes(p, attributesAt + PackedText.varintSize(count), count));
  }

  private static Duration idleTimeout(long millis) {
    Duration shared = sharedIdleTimeout;
    if (shared.toMillis() == millis) {
      return shared;
    }
    Duration idle = Duration.ofMillis(millis);
    sharedIdleTimeout = idle;
    return idle;
  }

  /** When the session ends, in epoch millis: the earlier of the idle and absolute deadlines. */
  static long expiresAt(byte[] p) {
    long lastAccess = getLong(p, LAST_ACCESS);
    long idle = getLong(p, IDLE);
    long idleDeadline = lastAccess + idle;
    if (((lastAccess ^ idleDeadline) & (idle ^ idleDeadline)) < 0) {
      idleDeadline = Long.MAX_VALUE;
    }
    return (p[FLAGS] & HAS_ABSOLUTE) == 0
        ? idleDeadline
        : Math.min(idleDeadline, getLong(p, ABSOLUTE));
  }

  /** The principal, or null. */
  static String principal(byte[] p) {
    return (p[FLAGS] & HAS_PRINCIPAL) == 0 ? null : PackedText.read(p, HEADER);
  }

  /** Whether the session's principal is {@code principal} (null for none), without decoding. */
  static boolean hasPrincipal(byte[] p, String principal) {
    boolean has = (p[FLAGS] & HAS_PRINCIPAL) != 0;
    return principal == null ? !has : has && PackedText.matches(p, HEADER, principal);
  }

  private static int attributesAt(byte[] p) {
    return (p[FLAGS] & HAS_PRINCIPAL) == 0 ? HEADER : PackedText.skip(p, HEADER);
  }

  private static byte[] newArray(long size) {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("session too large for the memory store: " + size);
    }
    return new byte[(int) size];
  }

  static long millis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static long millis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long getLong(byte[] p, int at) {
    return (long) LONGS.get(p, at);
  }

  private static void setLong(byte[] p, int at, long value) {
    LONGS.set(p, at, value);
  }
}
