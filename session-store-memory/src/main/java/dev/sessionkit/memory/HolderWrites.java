package dev.sessionkit.memory;

import com.github.benmanes.caffeine.cache.Policy;
import dev.sessionkit.spi.SessionDelta;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;

/**
 * The memory store's applies and touches. Each packs new bytes from the session's current ones and
 * swaps them into the entry's holder (see {@link MemoryKey}) with a compare-and-set: no cache
 * operation at all when the session's deadline stays in the cache's expiry slot (see {@link
 * DeadlineExpiry}), the cache's compute when it moves to another one or when the principal changes
 * (so that the expiry, or the principal index, moves atomically with the bytes). A compare-and-set
 * fails if another write came first (then the write merges again with it) or if the entry was
 * removed (then its holder is dead, the cache is read again, and a session deleted or expired
 * meanwhile is never brought back). Thread-safe.
 */
final class HolderWrites {

  private final ConcurrentMap<MemoryKey, MemoryKey> map;
  private final Policy<MemoryKey, MemoryKey> policy;
  private final PrincipalIndex principals;

  HolderWrites(
      ConcurrentMap<MemoryKey, MemoryKey> map,
      Policy<MemoryKey, MemoryKey> policy,
      PrincipalIndex principals) {
    this.map = map;
    this.policy = policy;
    this.principals = principals;
  }

  /**
   * Applies {@code delta}, or when it is null touches at {@code touchedAt}, the session under
   * {@code key}, if it is live at {@code now}. Starts from {@code current} if the caller has the
   * bytes (then {@code key} is their holder, as a load found it), else from what the cache holds.
   */
  boolean write(MemoryKey key, byte[] current, SessionDelta delta, Instant touchedAt, long now) {
    MemoryKey holder = key;
    while (true) {
      if (current == null) {
        // Not read yet, or the holder was removed: look again (a session made anew under the key
        // takes the write, as it would in a store that keeps no holders).
        holder = policy.getIfPresentQuietly(key);
        current = holder == null ? null : holder.bytes();
        if (current == null) {
          return false;
        }
      }
      if (now >= Packed.expiresAt(current)) {
        return false;
      }
      if (delta != null
          && delta.principalChanged()
          && !Packed.hasPrincipal(current, delta.principal())) {
        IndexedWrites.Apply apply = new IndexedWrites.Apply(principals, delta, now);
        map.computeIfPresent(key, apply);
        return apply.applied();
      }
      byte[] next = delta == null ? Packed.touch(current, touchedAt) : Packed.apply(current, delta);
      if (DeadlineExpiry.sameSlot(current, next)) {
        if (holder.swap(current, next)) {
          return true;
        }
        current = holder.bytes();
      } else {
        // The cache's expiry moves to another slot: swap under the entry's lock.
        IndexedWrites.Swap swap = new IndexedWrites.Swap(holder, current, next);
        map.computeIfPresent(key, swap);
        if (swap.swapped()) {
          return true;
        }
        // Gone, or another holder under the key: look again.
        current = swap.found() == holder ? holder.bytes() : null;
      }
    }
  }
}
