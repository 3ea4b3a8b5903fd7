package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionDelta;
import java.util.function.BiFunction;

/**
 * The writes that need the entry's lock, as functions for the cache's atomic compute on the
 * session's key: those that may change the principal (the principal index moves inside the same
 * compute as the bytes, so the index never disagrees with the cache for long enough for anyone to
 * see), those that remove an entry (which kill its holder, see {@link MemoryKey}) and those that
 * move the cache's expiry. The value is the key instance that holds the bytes; writes that keep the
 * principal and the expiry swap the bytes in it without a compute, so a function here reads the
 * bytes with {@link MemoryKey#bytes()} and writes them with a compare-and-set. Caffeine hands none
 * of them an entry past the cache's expiry (it removes it, firing the eviction listener, and passes
 * it as absent); the exact deadline is checked here. Each instance serves one call on one thread.
 */
final class IndexedWrites {

  private IndexedWrites() {}

  /** Writes a whole session, replacing any under its key. */
  static final class Create implements BiFunction<MemoryKey, MemoryKey, MemoryKey> {
    private final PrincipalIndex principals;
    private final byte[] packed;
    private final String principal;
    private final MemoryKey holder;

    Create(PrincipalIndex principals, MemoryKey holder, byte[] packed, String principal) {
      this.principals = principals;
      this.holder = holder;
      this.packed = packed;
      this.principal = principal;
    }

    @Override
    public MemoryKey apply(MemoryKey key, MemoryKey old) {
      byte[] replaced = old == null ? null : old.kill();
      if (replaced == null) {
        principals.move(key, null, principal);
      } else if (!Packed.hasPrincipal(replaced, principal)) {
        principals.move(key, Packed.principal(replaced), principal);
      }
      // A new entry's key is the instance passed to the compute, so the holder is the entry's key.
      return holder.holding(packed);
    }
  }

  /** Applies a delta that changes the principal, to a session live at {@code now}. */
  static final class Apply implements BiFunction<MemoryKey, MemoryKey, MemoryKey> {
    private final PrincipalIndex principals;
    private final SessionDelta delta;
    private final long now;
    private boolean applied;

    Apply(PrincipalIndex principals, SessionDelta delta, long now) {
      this.principals = principals;
      this.delta = delta;
      this.now = now;
    }

    @Override
    public MemoryKey apply(MemoryKey key, MemoryKey holder) {
      for (byte[] current = holder.bytes(); current != null; current = holder.bytes()) {
        if (now >= Packed.expiresAt(current)) {
          return holder;
        }
        if (holder.swap(current, Packed.apply(current, delta))) {
          principals.move(key, Packed.principal(current), delta.principal());
          applied = true;
          return holder;
        }
      }
      return holder;
    }

    boolean applied() {
      return applied;
    }
  }

  /**
   * Swaps bytes that move the cache's expiry to another slot: returning the same holder makes the
   * cache ask the expiry again, under the entry's lock, of whatever bytes it then holds.
   */
  static final class Swap implements BiFunction<MemoryKey, MemoryKey, MemoryKey> {
    private final MemoryKey expectedHolder;
    private final byte[] expected;
    private final byte[] next;
    private boolean swapped;
    private MemoryKey found;

    Swap(MemoryKey expectedHolder, byte[] expected, byte[] next) {
      this.expectedHolder = expectedHolder;
      this.expected = expected;
      this.next = next;
    }

    @Override
    public MemoryKey apply(MemoryKey key, MemoryKey holder) {
      found = holder;
      swapped = holder == expectedHolder && holder.swap(expected, next);
      return holder;
    }

    boolean swapped() {
      return swapped;
    }

    /** The holder the cache had under the key, null if it had none (or none live). */
    MemoryKey found() {
      return found;
    }
  }

  /**
   * Deletes a session, only if it is the given principal's when one is given, and only if it is
   * past its deadline when {@code onlyExpired}. A session past its deadline is removed as expired
   * ({@link #expired()} then holds its bytes).
   */
  static final class Delete implements BiFunction<MemoryKey, MemoryKey, MemoryKey> {
    private final PrincipalIndex principals;
    private final String principal;
    private final long now;
    private final boolean onlyExpired;
    private boolean deleted;
    private byte[] expired;

    Delete(PrincipalIndex principals, String principal, long now, boolean onlyExpired) {
      this.principals = principals;
      this.principal = principal;
      this.now = now;
      this.onlyExpired = onlyExpired;
    }

    @Override
    public MemoryKey apply(MemoryKey key, MemoryKey holder) {
      byte[] current = holder.bytes();
      if (current == null) {
        return null;
      }
      boolean isExpired = now >= Packed.expiresAt(current);
      if (!isExpired
          && (onlyExpired || principal != null && !Packed.hasPrincipal(current, principal))) {
        return holder;
      }
      // Writes without the lock never change the principal: the bytes killed have the same one.
      byte[] last = holder.kill();
      principals.move(key, Packed.principal(current), null);
      if (isExpired) {
        expired = last;
      } else {
        deleted = true;
      }
      return null;
    }

    boolean deleted() {
      return deleted;
    }

    /** The bytes of a session found past its deadline and removed, or null. */
    byte[] expired() {
      return expired;
    }
  }

  /** Removes a record only if it still holds the given bytes (a renewal's compare-and-remove). */
  static final class Remove implements BiFunction<MemoryKey, MemoryKey, MemoryKey> {
    private final PrincipalIndex principals;
    private final byte[] expected;
    private boolean removed;

    Remove(PrincipalIndex principals, byte[] expected) {
      this.principals = principals;
      this.expected = expected;
    }

    @Override
    public MemoryKey apply(MemoryKey key, MemoryKey holder) {
      if (!holder.swap(expected, null)) {
        return holder;
      }
      principals.move(key, Packed.principal(expected), null);
      removed = true;
      return null;
    }

    boolean removed() {
      return removed;
    }
  }
}
