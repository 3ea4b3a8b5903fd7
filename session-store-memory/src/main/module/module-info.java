/** The in-process session store: bounded, expiring, on Caffeine. */
module dev.sessionkit.memory {
  requires transitive dev.sessionkit;
  requires com.github.benmanes.caffeine;

  exports dev.sessionkit.memory;

  provides dev.sessionkit.spi.StoreProvider with
      dev.sessionkit.memory.MemoryStoreProvider;
}
