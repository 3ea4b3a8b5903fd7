package dev.sessionkit.metrics;

import java.util.Locale;

/**
 * The values the meters' tags take. Every one comes from an enum of core or from a class name, so
 * no tag can carry a session id, key or principal, and the number of time series stays fixed.
 */
final class TagValues {

  /** {@code outcome} of a store call that returned. */
  static final String SUCCESS = "success";

  /** {@code outcome} of a store call that threw. */
  static final String FAILURE = "failure";

  private TagValues() {}

  /** The tag value of an enum constant: its name in lower case ({@code LOGOUT} is "logout"). */
  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The tag value of an exception class: its simple name, or that of the nearest named superclass
   * for an anonymous class, whose simple name is empty.
   */
  static String exception(Class<?> type) {
    Class<?> named = type;
    while (named.getSimpleName().isEmpty()) {
      named = named.getSuperclass();
    }
    return named.getSimpleName();
  }
}
