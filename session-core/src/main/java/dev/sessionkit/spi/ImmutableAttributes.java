package dev.sessionkit.spi;

import java.util.AbstractMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map of attribute names to JSON text that a store may hand to {@link SessionRecord}
 * without a copy: a store that keeps sessions in a compact form of its own (the memory store packs
 * them into bytes) answers a load with a view of that form instead of building a map.
 *
 * <p>Implementations must be immutable, hold no null name or value, and be thread-safe; every
 * mutator of this class throws {@link UnsupportedOperationException}, as the JDK's immutable maps
 * do.
 */
public abstract class ImmutableAttributes extends AbstractMap<String, String> {

  /** For subclasses. */
  protected ImmutableAttributes() {}

  @Override
  public final String put(String key, String value) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String remove(Object key) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final void putAll(Map<? extends String, ? extends String> m) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final void clear() {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String putIfAbsent(String key, String value) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String compute(
      String key, BiFunction<? super String, ? super String, ? extends String> f) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String computeIfAbsent(String key, Function<? super String, ? extends String> f) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String computeIfPresent(
      String key, BiFunction<? super String, ? super String, ? extends String> f) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final String merge(
      String key, String value, BiFunction<? super String, ? super String, ? extends String> f) {
    throw new UnsupportedOperationException("attributes are immutable");
  }

  @Override
  public final void replaceAll(BiFunction<? super String, ? super String, ? extends String> f) {
    throw new UnsupportedOperationException("attributes are immutable");
  }
}
