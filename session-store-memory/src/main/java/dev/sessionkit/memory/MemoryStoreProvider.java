package dev.sessionkit.memory;

import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.nio.file.Path;
import java.util.Set;

/**
 * The memory store by name ({@code sessionkit.store=memory}), from the text settings {@code
 * maximum-size} and {@code snapshot-file}. Found through {@link java.util.ServiceLoader}.
 */
public final class MemoryStoreProvider implements StoreProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MemoryStoreProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> settingNames() {
    return Set.of("maximum-size", "snapshot-file");
  }

  @Override
  public StoreFactory factory(TextSettings settings) {
    MemoryStoreBuilder builder = MemorySessionStore.builder();
    settings.apply("maximum-size", settings::number, builder::maximumSize);
    settings.apply("snapshot-file", settings::string, file -> builder.snapshotFile(Path.of(file)));
    return builder;
  }
}
