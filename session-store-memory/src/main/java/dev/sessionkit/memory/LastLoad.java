package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;

/**
 * A thread's scratch space for parsing keys, and what its last load found. A request loads its
 * session, then applies or touches it on the same thread; the write then starts from these bytes,
 * skipping a parse of the key and a read of the cache. They serve only as the expected value of a
 * compare-and-set, so bytes that another write has replaced since cost a retry, never a lost
 * update. Forgotten once used, so that a thread does not keep a session's bytes alive for long.
 */
final class LastLoad {

  private final byte[] scratch = new byte[64];
  private SessionKey key;
  private MemoryKey memoryKey;
  private byte[] packed;

  /** Parses a key through this thread's scratch bytes. */
  MemoryKey parse(SessionKey key) {
    return MemoryKey.of(key, scratch);
  }

  void remember(SessionKey key, MemoryKey memoryKey, byte[] packed) {
    this.key = key;
    this.memoryKey = memoryKey;
    this.packed = packed;
  }

  /** The parsed key, if the last load was of this key; the engine passes the same instance. */
  MemoryKey keyIfLoaded(SessionKey key) {
    return this.key == key || key.equals(this.key) ? memoryKey : null;
  }

  /** The bytes the last load found. */
  byte[] loaded() {
    return packed;
  }

  void forget() {
    key = null;
    memoryKey = null;
    packed = null;
  }
}
