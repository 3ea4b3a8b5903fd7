package dev.sessionkit.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The one convention every SessionKit builder follows, for store builders too: each setting may be
 * given once (a second call is an {@link IllegalStateException} naming it), a null is a {@link
 * NullPointerException} naming it, defaults stay out of the builder and are applied by {@code
 * build()}, and a builder can build again.
 */
public final class Settings {

  private Settings() {}

  /**
   * Checks that a setting is given once and not null.
   *
   * @param current the builder's value so far; null while unset
   * @param value the value given
   * @param name the setting's name, for the messages
   * @param <T> the setting's type
   * @return {@code value}
   * @throws IllegalStateException if the setting was already given
   * @throws NullPointerException if {@code value} is null
   */
  public static <T> T once(T current, T value, String name) {
    requireUnset(current, name);
    return Objects.requireNonNull(value, name);
  }

  /**
   * Checks that a setting was not given before.
   *
   * @param current the builder's value so far; null while unset
   * @param name the setting's name
   * @throws IllegalStateException if the setting was already given
   */
  public static void requireUnset(Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
  }

  /**
   * Returns a value, or a default when it was never given.
   *
   * @param value the builder's value; null while unset
   * @param fallback the default
   * @param <T> the setting's type
   * @return {@code value} or {@code fallback}
   */
  public static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /**
   * Checks that a duration is positive.
   *
   * @param d the duration
   * @param name the setting's name
   * @return {@code d}
   * @throws IllegalArgumentException if {@code d} is zero or negative
   */
  public static Duration requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
