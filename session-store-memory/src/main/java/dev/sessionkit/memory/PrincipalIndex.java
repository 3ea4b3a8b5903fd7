package dev.sessionkit.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which keys belong to which principal, by a 64-bit hash of the principal: no string is kept, and a
 * principal with one session costs one slot of a {@code long[]} and an {@code Object[]} that points
 * at the cache's own key. The store changes it only inside the cache's atomic operation on the key
 * concerned, so changes for one key never interleave; readers verify each candidate against the
 * cache, which is the truth and which also weeds out the rare principal whose hash collides.
 *
 * <p>The hashes are spread over stripes, each an open-addressing table under its own lock. A slot
 * holds a key, or the keys of a principal with a few sessions as an array copied on change, or,
 * past {@link #SMALL}, a set, so that adding stays cheap however many sessions one principal has.
 */
final class PrincipalIndex {

  /** Beyond this many sessions, a principal's keys live in a mutable set. */
  static final int SMALL = 16;

  private static final int STRIPES = 64;

  private final Stripe[] stripes = new Stripe[STRIPES];

  PrincipalIndex() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Moves a key from its old principal to its new one; either may be null. */
  void move(MemoryKey key, String from, String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      long hash = hash(from);
      stripe(hash).remove(hash, key);
    }
    if (to != null) {
      long hash = hash(to);
      stripe(hash).add(hash, key);
    }
  }

  /** Returns the keys last indexed under the principal's hash, as a snapshot. */
  List<MemoryKey> candidates(String principal) {
    long hash = hash(principal);
    return stripe(hash).get(hash);
  }

  private Stripe stripe(long hash) {
    return stripes[(int) (hash >>> 58)];
  }

  /** A 64-bit FNV-1a hash of the chars, mixed so that its low bits pick slots well. */
  static long hash(String principal) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = principal.length(); i < n; i++) {
      h = (h ^ principal.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /** An open-addressing table with linear probing; one lock per stripe. */
  private static final class Stripe {
    private long[] hashes = new long[8];
    // A MemoryKey, a MemoryKey[] of 2..SMALL keys, or a Set<MemoryKey>; null marks a free slot.
    private Object[] slots = new Object[8];
    private int used;

    synchronized void add(long hash, MemoryKey key) {
      int i = find(hash);
      if (slots[i] == null) {
        hashes[i] = hash;
        slots[i] = key;
        if (++used > slots.length * 3 / 4) {
          resize(slots.length * 2);
        }
        return;
      }
      slots[i] = with(slots[i], key);
    }

    synchronized void remove(long hash, MemoryKey key) {
      int i = find(hash);
      if (slots[i] == null) {
        return;
      }
      Object rest = without(slots[i], key);
      if (rest != null) {
        slots[i] = rest;
        return;
      }
      delete(i);
      if (--used < slots.length / 8 && slots.length > 8) {
        resize(slots.length / 2);
      }
    }

    @SuppressWarnings("unchecked")
    synchronized List<MemoryKey> get(long hash) {
      Object slot = slots[find(hash)];
      if (slot == null) {
        return List.of();
      }
      if (slot instanceof MemoryKey key) {
        return List.of(key);
      }
      if (slot instanceof MemoryKey[] keys) {
        return List.of(keys);
      }
      return new ArrayList<>((Set<MemoryKey>) slot);
    }

    /** The slot holding the hash, or the free slot where it would go. */
    private int find(long hash) {
      int mask = slots.length - 1;
      int i = (int) hash & mask;
      while (slots[i] != null && hashes[i] != hash) {
        i = (i + 1) & mask;
      }
      return i;
    }

    /** Frees slot {@code i}, shifting back the entries that probed past it. */
    private void delete(int i) {
      int mask = slots.length - 1;
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        if (slots[j] == null) {
          break;
        }
        int home = (int) hashes[j] & mask;
        // The entry at j may move to i unless its home lies cyclically in (i, j].
        boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
        if (!stays) {
          hashes[i] = hashes[j];
          slots[i] = slots[j];
          i = j;
        }
      }
      slots[i] = null;
      hashes[i] = 0;
    }

    private void resize(int capacity) {
      long[] oldHashes = hashes;
      Object[] oldSlots = slots;
      hashes = new long[capacity];
      slots = new Object[capacity];
      for (int i = 0; i < oldSlots.length; i++) {
        if (oldSlots[i] != null) {
          int j = find(oldHashes[i]);
          hashes[j] = oldHashes[i];
          slots[j] = oldSlots[i];
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static Object with(Object slot, MemoryKey key) {
      if (slot instanceof MemoryKey one) {
        return one.equals(key) ? one : new MemoryKey[] {one, key};
      }
      if (slot instanceof MemoryKey[] keys) {
        if (Arrays.asList(keys).contains(key)) {
          return keys;
        }
        if (keys.length < SMALL) {
          MemoryKey[] more = Arrays.copyOf(keys, keys.length + 1);
          more[keys.length] = key;
          return more;
        }
        Set<MemoryKey> large = new HashSet<>(Arrays.asList(keys));
        large.add(key);
        return large;
      }
      ((Set<MemoryKey>) slot).add(key);
      return slot;
    }

    /** The slot without the key, or null when nothing is left. */
    @SuppressWarnings("unchecked")
    private static Object without(Object slot, MemoryKey key) {
      if (slot instanceof MemoryKey one) {
        return one.equals(key) ? null : one;
      }
      if (slot instanceof MemoryKey[] keys) {
        int at = Arrays.asList(keys).indexOf(key);
        if (at < 0) {
          return keys;
        }
        if (keys.length <= 2) {
          return keys.length == 1 ? null : keys[1 - at];
        }
        MemoryKey[] fewer = new MemoryKey[keys.length - 1];
        System.arraycopy(keys, 0, fewer, 0, at);
        System.arraycopy(keys, at + 1, fewer, at, fewer.length - at);
        return fewer;
      }
      Set<MemoryKey> large = (Set<MemoryKey>) slot;
      large.remove(key);
      if (large.size() > SMALL) {
        return large;
      }
      // SMALL is at least 2, so a set that shrinks to it holds two keys or more.
      return large.toArray(new MemoryKey[0]);
    }
  }
}
