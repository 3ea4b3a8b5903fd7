package dev.sessionkit.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings given as text (a properties file, {@code web.xml} context parameters), read with the
 * same rules everywhere: a duration is ISO-8601 ({@code PT30M}) or a number with a unit ({@code
 * 500ms}, {@code 30s}, {@code 30m}, {@code 12h}, {@code 7d}; a bare number is seconds), a switch is
 * {@code true} or {@code false}. Every message names the setting by its full name. Immutable and
 * thread-safe.
 */
public final class TextSettings {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private final String prefix;
  private final Map<String, String> values;

  private TextSettings(String prefix, Map<String, String> values) {
    this.prefix = prefix;
    this.values = values;
  }

  /**
   * Wraps settings whose names are relative to a prefix.
   *
   * @param prefix what the names are below, for messages, such as {@code sessionkit.redis.}
   * @param values the settings, names without the prefix; values are trimmed
   * @return the settings
   */
  public static TextSettings of(String prefix, Map<String, String> values) {
    Objects.requireNonNull(prefix, "prefix");
    Map<String, String> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, k).trim()));
    return new TextSettings(prefix, copy);
  }

  /**
   * Returns the settings below a further prefix, their names without it.
   *
   * @param sub the further prefix, such as {@code redis.}
   * @return the settings below it
   */
  public TextSettings below(String sub) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(sub)) {
            out.put(k.substring(sub.length()), v);
          }
        });
    return new TextSettings(prefix + sub, out);
  }

  /**
   * Returns the names given, without the prefix.
   *
   * @return the names, sorted
   */
  public Set<String> names() {
    return Set.copyOf(new TreeSet<>(values.keySet()));
  }

  /**
   * Returns a setting's full name, for messages.
   *
   * @param name the name without the prefix
   * @return the prefix and the name
   */
  public String fullName(String name) {
    return prefix + name;
  }

  /**
   * Checks that every setting given is one of the known ones, so that a misspelt name is an error
   * and not a silently ignored line.
   *
   * @param known the names the reader understands, without the prefix
   * @throws IllegalArgumentException naming the unknown settings
   */
  public void requireKnown(Set<String> known) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown.stream().map(this::fullName).toList())
              + "; known: "
              + String.join(", ", new TreeSet<>(known).stream().map(this::fullName).toList()));
    }
  }

  /**
   * Checks that a setting that only means something beside another comes with it.
   *
   * @param given the name of the dependent setting, without the prefix
   * @param needed the name of the setting it needs
   * @throws IllegalStateException naming both when {@code given} is set without {@code needed}
   */
  public void requireWith(String given, String needed) {
    if (values.containsKey(given) && !values.containsKey(needed)) {
      throw new IllegalStateException(fullName(given) + " needs " + fullName(needed));
    }
  }

  /**
   * Returns a setting as given.
   *
   * @param name the name without the prefix
   * @return the value, or null when not given
   */
  public String string(String name) {
    return values.get(name);
  }

  /**
   * Returns a switch.
   *
   * @param name the name without the prefix
   * @return the value, or null when not given
   * @throws IllegalArgumentException when it is neither {@code true} nor {@code false}
   */
  public Boolean bool(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(fullName(name) + " must be true or false: " + v);
    };
  }

  /**
   * Returns a whole number.
   *
   * @param name the name without the prefix
   * @return the value, or null when not given
   * @throws IllegalArgumentException when it is not a whole number
   */
  public Long number(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(fullName(name) + " must be a whole number: " + v, e);
    }
  }

  /**
   * Returns one of an enum's constants, written in any case, with {@code -} for {@code _}.
   *
   * @param name the name without the prefix
   * @param type the enum
   * @param <E> the enum's type
   * @return the constant, or null when not given
   * @throws IllegalArgumentException naming the constants when it is none of them
   */
  public <E extends Enum<E>> E choice(String name, Class<E> type) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    String wanted = v.replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        fullName(name)
            + " must be one of "
            + String.join(
                ", ",
                java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList())
            + ": "
            + v);
  }

  /**
   * Returns a duration.
   *
   * @param name the name without the prefix
   * @return the value, or null when not given
   * @throws IllegalArgumentException when it is not a duration
   */
  public Duration duration(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    return parseDuration(v, fullName(name));
  }

  /**
   * Hands a setting, read by one of this class's readers, to a builder's setter when it is given.
   *
   * @param name the name without the prefix
   * @param reader how to read it, such as {@code settings::duration}
   * @param setter the builder's setter
   * @param <T> the value's type
   * @throws IllegalArgumentException when the value cannot be read, or the setter refuses it (the
   *     message then names the setting)
   */
  public <T> void apply(String name, Function<String, T> reader, Consumer<? super T> setter) {
    T value = reader.apply(name);
    if (value != null) {
      try {
        setter.accept(value);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new IllegalArgumentException(fullName(name) + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads a duration written as ISO-8601 or as a number with a unit ({@code ms}, {@code s}, {@code
   * m}, {@code h}, {@code d}; none is seconds).
   *
   * @param text the text
   * @param name the setting's full name, for the message
   * @return the duration
   * @throws IllegalArgumentException when the text is not a duration
   */
  public static Duration parseDuration(String text, String name) {
    String v = text.trim();
    if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + " is not a duration: " + v, e);
      }
    }
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " is not a duration (such as 30s, 15m, 12h or PT30M): " + v);
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    try {
      long n = Long.parseLong(m.group(1));
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(name + " is too long a duration: " + v, e);
    }
  }
}
