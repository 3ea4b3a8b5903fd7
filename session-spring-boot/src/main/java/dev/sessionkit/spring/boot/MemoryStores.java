package dev.sessionkit.spring.boot;

import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.memory.MemoryStoreBuilder;
import dev.sessionkit.spi.StoreFactory;

/** The memory store from {@code sessionkit.memory.*}; loaded only when that store is chosen. */
final class MemoryStores {

  private MemoryStores() {}

  static StoreFactory factory(MemoryStoreProperties settings) {
    MemoryStoreBuilder builder = MemorySessionStore.builder();
    if (settings.getMaximumSize() != null) {
      builder.maximumSize(settings.getMaximumSize());
    }
    if (settings.getSnapshotFile() != null) {
      builder.snapshotFile(settings.getSnapshotFile());
    }
    return builder;
  }
}
