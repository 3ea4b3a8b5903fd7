package dev.sessionkit.memory;

import dev.sessionkit.spi.Settings;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.spi.StoreFactory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Settings of a {@link MemorySessionStore}, and the factory the engine builds it with. Each setting
 * may be given once; {@link #create} applies the defaults and may be called again. Not thread-safe.
 */
public final class MemoryStoreBuilder implements StoreFactory {

  private Long maximumSize;
  private Path snapshotFile;
  private Executor executor;

  MemoryStoreBuilder() {}

  /**
   * Sets how many sessions the store keeps at most. Default: {@link
   * MemorySessionStore#DEFAULT_MAXIMUM_SIZE}.
   *
   * @param maximumSize the bound, at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code maximumSize} is less than 1
   * @throws IllegalStateException if the maximum size was already set
   */
  public MemoryStoreBuilder maximumSize(long maximumSize) {
    Settings.requireUnset(this.maximumSize, "maximumSize");
    if (maximumSize < 1) {
      throw new IllegalArgumentException("maximumSize must be at least 1: " + maximumSize);
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /**
   * Sets a file to save sessions to on {@link MemorySessionStore#close()} and to read (then delete)
   * on build, so that sessions survive a restart. Default: none. A corrupt or foreign file is
   * logged and set aside.
   *
   * @param snapshotFile the file; its directory is created when needed
   * @return this builder
   * @throws IllegalStateException if the snapshot file was already set
   */
  public MemoryStoreBuilder snapshotFile(Path snapshotFile) {
    this.snapshotFile = Settings.once(this.snapshotFile, snapshotFile, "snapshotFile");
    return this;
  }

  /**
   * Sets where expiry and eviction events are delivered and cache upkeep runs. Default: {@link
   * ForkJoinPool#commonPool()}; tests may pass {@code Runnable::run} to hear events at once.
   *
   * @param executor the executor
   * @return this builder
   * @throws IllegalStateException if the executor was already set
   */
  public MemoryStoreBuilder executor(Executor executor) {
    this.executor = Settings.once(this.executor, executor, "executor");
    return this;
  }

  /**
   * Builds the store on the engine's clock, reporting to its listener, and reads the snapshot file
   * if one is set.
   *
   * @param context the engine's clock and listener
   * @return the store
   */
  @Override
  public MemorySessionStore create(StoreContext context) {
    Objects.requireNonNull(context, "context");
    return new MemorySessionStore(
        context,
        Settings.orDefault(maximumSize, MemorySessionStore.DEFAULT_MAXIMUM_SIZE),
        snapshotFile,
        Settings.orDefault(executor, ForkJoinPool.commonPool()));
  }
}
