package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionDelta;
import java.util.function.BiFunction;

/**
 * The writes that may change a session's principal, as functions for the cache's atomic compute on
 * the session's key: the principal index moves inside the same compute as the bytes, so the index
 * never disagrees with the cache for long enough for anyone to see. Caffeine hands none of them an
 * expired entry: it removes the entry (firing the eviction listener) and passes it as absent. Each
 * instance serves one call on one thread.
 */
final class IndexedWrites {

  private IndexedWrites() {}

  /** Writes a whole session, replacing any under its key. */
  static final class Create implements BiFunction<MemoryKey, byte[], byte[]> {
    private final PrincipalIndex principals;
    private final byte[] packed;
    private final String principal;

    Create(PrincipalIndex principals, byte[] packed, String principal) {
      this.principals = principals;
      this.packed = packed;
      this.principal = principal;
    }

    @Override
    public byte[] apply(MemoryKey key, byte[] old) {
      if (old == null) {
        principals.move(key, null, principal);
      } else if (!Packed.hasPrincipal(old, principal)) {
        principals.move(key, Packed.principal(old), principal);
      }
      return packed;
    }
  }

  /** Applies a delta that changes the principal. */
  static final class Apply implements BiFunction<MemoryKey, byte[], byte[]> {
    private final PrincipalIndex principals;
    private final SessionDelta delta;
    private boolean applied;

    Apply(PrincipalIndex principals, SessionDelta delta) {
      this.principals = principals;
      this.delta = delta;
    }

    @Override
    public byte[] apply(MemoryKey key, byte[] current) {
      principals.move(key, Packed.principal(current), delta.principal());
      applied = true;
      return Packed.apply(current, delta);
    }

    boolean applied() {
      return applied;
    }
  }

  /** Deletes a live session, only if it is the given principal's when one is given. */
  static final class Delete implements BiFunction<MemoryKey, byte[], byte[]> {
    private final PrincipalIndex principals;
    private final String principal;
    private boolean deleted;

    Delete(PrincipalIndex principals, String principal) {
      this.principals = principals;
      this.principal = principal;
    }

    @Override
    public byte[] apply(MemoryKey key, byte[] current) {
      if (principal != null && !Packed.hasPrincipal(current, principal)) {
        return current;
      }
      principals.move(key, Packed.principal(current), null);
      deleted = true;
      return null;
    }

    boolean deleted() {
      return deleted;
    }
  }

  /** Removes a record only if it still holds the given bytes (a renewal's compare-and-remove). */
  static final class Remove implements BiFunction<MemoryKey, byte[], byte[]> {
    private final PrincipalIndex principals;
    private final byte[] expected;
    private boolean removed;

    Remove(PrincipalIndex principals, byte[] expected) {
      this.principals = principals;
      this.expected = expected;
    }

    @Override
    public byte[] apply(MemoryKey key, byte[] current) {
      if (current != expected) {
        return current;
      }
      principals.move(key, Packed.principal(current), null);
      removed = true;
      return null;
    }

    boolean removed() {
      return removed;
    }
  }
}
