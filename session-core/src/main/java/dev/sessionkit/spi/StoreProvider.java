package dev.sessionkit.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Builds a store's factory from text settings, so that an application configured by a properties
 * file or by {@code web.xml} context parameters can choose a store by name ({@code
 * sessionkit.store=redis}) without code, and a module that must not depend on any backend (the
 * servlet module) can find it. Each store module registers one with {@link java.util.ServiceLoader}
 * ({@code META-INF/services} and {@code provides} in its module descriptor). Implementations are
 * stateless and thread-safe, with a public no-argument constructor.
 */
public interface StoreProvider {

  /**
   * Returns the name the store is chosen by, in lower case, such as {@code memory}, {@code redis}
   * or {@code jdbc}; its settings are those below {@code sessionkit.<name>.}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the names of the settings the store reads, without the {@code sessionkit.<name>.}
   * prefix; a caller refuses any other name below that prefix before it calls {@link #factory}, so
   * that a misspelt setting is an error rather than a line silently ignored.
   *
   * @return the names, such as {@code uri} and {@code timeout}
   */
  java.util.Set<String> settingNames();

  /**
   * Makes the store's factory from its settings: nothing is connected here; the engine builds the
   * store from the factory.
   *
   * @param settings the settings below {@code sessionkit.<name>.}, their names without that prefix
   * @return the factory
   * @throws IllegalArgumentException naming the setting that has a value that cannot be used
   * @throws IllegalStateException when settings are missing or conflict
   */
  StoreFactory factory(TextSettings settings);

  /**
   * Finds the provider of a store by its name among those a class loader sees.
   *
   * @param name the store's name, such as {@code redis}
   * @param loader the class loader whose {@code META-INF/services} are read (the application's)
   * @return the provider
   * @throws IllegalStateException naming the stores found when none has the name
   */
  static StoreProvider named(String name, ClassLoader loader) {
    List<String> found = new ArrayList<>();
    for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, loader)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      found.add(provider.name());
    }
    throw new IllegalStateException(
        "no store named "
            + name
            + " on the class path: add session-store-"
            + name
            + " and its dependencies (found: "
            + (found.isEmpty() ? "none" : String.join(", ", found))
            + ")");
  }
}
