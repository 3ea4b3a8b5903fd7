package dev.sessionkit.memory;

import dev.sessionkit.spi.SessionKey;

/**
 * What a thread's last load found. A request loads its session, then applies or touches it on the
 * same thread; the write then starts from the entry's holder (the cache's own key instance) and
 * these bytes, skipping a conversion of the key and a read of the cache. They serve only as the
 * expected value of a compare-and-set, so bytes that another write has replaced since cost a retry,
 * never a lost update. Forgotten once used, so that a thread does not keep a session's bytes alive
 * for long. Also counts the thread's loads, to pick which ones the eviction policy hears of.
 */
final class LastLoad {

  /**
   * How many of a thread's loads make one that the eviction policy hears of. Caffeine records reads
   * in a buffer that drops them when full; hearing of a fixed share of them keeps the policy's
   * picture of which sessions are in use (every write is heard too) and spares the rest the buffer,
   * its drain and the frequency counts, the dearest part of a cached read.
   */
  static final int READ_SAMPLE = 8;

  private int reads;
  private SessionKey key;
  private MemoryKey memoryKey;
  private byte[] packed;

  /** Whether this load is the one in {@link #READ_SAMPLE} that the eviction policy hears of. */
  boolean sampleRead() {
    return ++reads % READ_SAMPLE == 0;
  }

  void remember(SessionKey key, MemoryKey holder, byte[] packed) {
    this.key = key;
    this.memoryKey = holder;
    this.packed = packed;
  }

  /**
   * The entry's holder (also its key), if the last load was of this key; the engine passes the same
   * instance.
   */
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
