package dev.sessionkit;

/**
 * A sealed client-side session grew past what a browser keeps in one cookie. Browsers drop such
 * cookies silently, so the engine refuses to send one: store less in the session, or use a
 * server-side store.
 */
public class SessionTooLargeException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int size;
  private final int limit;

  /**
   * Creates the exception.
   *
   * @param size the size the cookie would have had, in bytes of {@code name=value}
   * @param limit the most a cookie may have
   */
  public SessionTooLargeException(int size, int limit) {
    super(
        "sealed session cookie would be "
            + size
            + " bytes; browsers drop cookies over "
            + limit
            + " bytes");
    this.size = size;
    this.limit = limit;
  }

  /**
   * Returns how large the cookie would have been.
   *
   * @return bytes of {@code name=value}
   */
  public int size() {
    return size;
  }

  /**
   * Returns the limit.
   *
   * @return the most bytes a cookie may have
   */
  public int limit() {
    return limit;
  }
}
