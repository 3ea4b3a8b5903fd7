package dev.sessionkit.servlet;

import dev.sessionkit.StoreOperation;
import dev.sessionkit.spi.SessionRenewal;
import dev.sessionkit.spi.SessionStore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the store operation a failure came from, read from its stack trace: the first frame, from
 * the throw outwards, that is a {@link SessionStore} (or {@link SessionRenewal}) method named as an
 * operation. The filter sees only the exception, and the exception is thrown inside the store's
 * method, so that frame is on it. Only logged failures are read, so the cost does not matter under
 * load. Thread-safe.
 */
final class StoreCalls {

  // Class names already looked at, and whether they are stores; bounded by the classes loaded.
  private static final Map<String, Boolean> STORES = new ConcurrentHashMap<>();

  private StoreCalls() {}

  /**
   * Finds the store operation a failure was thrown from.
   *
   * @param failure what the store threw
   * @return the operation, or empty when no store method is on the stack trace
   */
  static Optional<StoreOperation> operation(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      StoreOperation operation = named(frame.getMethodName());
      if (operation != null && isStore(frame.getClassName())) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  private static StoreOperation named(String method) {
    for (StoreOperation operation : StoreOperation.values()) {
      if (operation.name().toLowerCase(Locale.ROOT).equals(method)) {
        return operation;
      }
    }
    return null;
  }

  private static boolean isStore(String className) {
    return STORES.computeIfAbsent(className, StoreCalls::load);
  }

  private static boolean load(String className) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), StoreCalls.class.getClassLoader()
        }) {
      try {
        Class<?> type = Class.forName(className, false, loader);
        return SessionStore.class.isAssignableFrom(type)
            || SessionRenewal.class.isAssignableFrom(type);
      } catch (ClassNotFoundException | LinkageError | SecurityException e) {
        // try the next loader
      }
    }
    return false;
  }
}
