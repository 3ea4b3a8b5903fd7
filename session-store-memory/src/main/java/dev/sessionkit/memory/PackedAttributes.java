package dev.sessionkit.memory;

import dev.sessionkit.spi.ImmutableAttributes;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The attributes of a loaded session, read straight from the store's packed bytes: a load builds no
 * map, and a read that looks at one attribute decodes that one. The bytes are never changed once
 * stored (a write packs a new array), so the view is immutable and thread-safe.
 */
final class PackedAttributes extends ImmutableAttributes {

  private final byte[] packed;
  private final int start;
  private final int size;

  /**
   * A view of {@code size} attributes, names and values alternating from {@code start} to the end.
   */
  PackedAttributes(byte[] packed, int start, int size) {
    this.packed = packed;
    this.start = start;
    this.size = size;
  }

  /** The packed bytes this view reads, for a store that copies them whole. */
  byte[] bytes() {
    return packed;
  }

  /** Where the first attribute starts in {@link #bytes()}; the attributes run to the end. */
  int start() {
    return start;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public String get(Object name) {
    int at = find(name);
    return at < 0 ? null : PackedText.read(packed, PackedText.skip(packed, at));
  }

  @Override
  public boolean containsKey(Object name) {
    return find(name) >= 0;
  }

  /** Returns where the attribute's name starts, or -1. */
  private int find(Object name) {
    if (!(name instanceof String s)) {
      return -1;
    }
    int pos = start;
    for (int i = 0; i < size; i++) {
      if (PackedText.matches(packed, pos, s)) {
        return pos;
      }
      pos = PackedText.skip(packed, PackedText.skip(packed, pos));
    }
    return -1;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    int pos = start;
    for (int i = 0; i < size; i++) {
      int valueAt = PackedText.skip(packed, pos);
      action.accept(PackedText.read(packed, pos), PackedText.read(packed, valueAt));
      pos = PackedText.skip(packed, valueAt);
    }
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Entries();
      }
    };
  }

  /** Decodes one entry at a time. */
  private final class Entries implements Iterator<Map.Entry<String, String>> {
    private int index;
    private int pos = start;

    @Override
    public boolean hasNext() {
      return index < size;
    }

    @Override
    public Map.Entry<String, String> next() {
      if (index >= size) {
        throw new NoSuchElementException();
      }
      int valueAt = PackedText.skip(packed, pos);
      var entry =
          new SimpleImmutableEntry<>(
              PackedText.read(packed, pos), PackedText.read(packed, valueAt));
      pos = PackedText.skip(packed, valueAt);
      index++;
      return entry;
    }
  }
}
