package dev.sessionkit;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Values for the next request that reads them, once ("saved." after a redirect): connect-flash's
 * {@code req.flash}, Spring MVC's flash attributes. A flash value is an ordinary attribute named
 * {@value #PREFIX} and the value's name, so it is typed, JSON, and kept by every store, sealed
 * cookies included; {@link #take} reads and removes it, so the request that reads it is the last to
 * see it.
 *
 * <p>Costs nothing when unused: {@link #take} on a request without a session creates none, and
 * reading a name that holds nothing writes nothing. Putting a value creates the session if the
 * client has none. Two requests of one client that read the same value at the same moment may both
 * get it (nothing locks a session across requests); the next one does not.
 *
 * <p>Used by the threads of one request, as its {@link SessionContext} is.
 */
public final class Flash {

  /** What the attribute name of a flash value starts with. */
  public static final String PREFIX = "flash.";

  private final SessionContext context;

  private Flash(SessionContext context) {
    this.context = context;
  }

  /**
   * Returns the flash values of a request's session.
   *
   * @param context the request's session context
   * @return the flash values, which load the session only when asked
   * @throws NullPointerException if {@code context} is null
   */
  public static Flash of(SessionContext context) {
    return new Flash(Objects.requireNonNull(context, "context"));
  }

  /**
   * Keeps a value for the next request that takes it, creating the session if needed. A value put
   * under a name that still holds one replaces it; a null value removes it.
   *
   * @param name the value's name, such as {@code "notice"}
   * @param value any value Jackson can write, or null
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException when the value cannot be written as JSON
   * @throws SessionStoreException when the store fails
   */
  public void put(String name, Object value) {
    context.getOrCreate().set(attribute(name), value);
  }

  /**
   * Reads a value and removes it: this request is the last to get it. Writes nothing when there is
   * no such value.
   *
   * @param name the value's name
   * @param type the class to bind the JSON to
   * @param <T> the type
   * @return the value, or empty when none was put, it was already taken, or the stored value does
   *     not fit {@code type} (that value is kept, and one warning names the attribute and type)
   * @throws NullPointerException if an argument is null
   * @throws SessionStoreException when the store fails
   */
  public <T> Optional<T> take(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return take(name, (session, attribute) -> session.get(attribute, type));
  }

  /**
   * Reads a value and removes it, as {@link #take(String, Class)}, for a generic type.
   *
   * @param name the value's name
   * @param type the type to bind the JSON to
   * @param <T> the type
   * @return the value, or empty when none was put, it was already taken, or the stored value does
   *     not fit {@code type} (that value is kept, and one warning names the attribute and type)
   * @throws NullPointerException if an argument is null
   * @throws SessionStoreException when the store fails
   */
  public <T> Optional<T> take(String name, TypeRef<T> type) {
    Objects.requireNonNull(type, "type");
    return take(name, (session, attribute) -> session.get(attribute, type));
  }

  private <T> Optional<T> take(String name, BiFunction<Session, String, Optional<T>> read) {
    String attribute = attribute(name);
    // No session, no value: a request that only looks creates nothing.
    Optional<Session> session = context.current();
    if (session.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> value = read.apply(session.get(), attribute);
    // Only a value handed out is taken: an empty look writes nothing, and a value that did not
    // fit the type asked for stays for a read with the right one.
    value.ifPresent(taken -> session.get().remove(attribute));
    return value;
  }

  private static String attribute(String name) {
    return PREFIX + Objects.requireNonNull(name, "name");
  }
}
