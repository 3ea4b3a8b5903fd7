package dev.sessionkit;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type for reading and registering attributes, captured by subclassing: {@code new
 * TypeRef<List<User>>() {}}. Immutable.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {

  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass.
   *
   * @throws IllegalStateException when created without a type argument
   */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException(
          "a TypeRef needs its type argument: write new TypeRef<List<User>>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /**
   * Returns the captured type.
   *
   * @return the type, for example {@code List<User>}
   */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return "TypeRef<" + type.getTypeName() + ">";
  }
}
