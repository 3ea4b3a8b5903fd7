package dev.sessionkit;

/** When the session cookie carries the {@code Secure} attribute. */
public enum SecureMode {
  /** Always: the cookie is only sent over HTTPS (the default). */
  ALWAYS,
  /** Never: for plain-HTTP development. */
  NEVER,
  /** When the request itself was secure (HTTPS, or a trusted proxy said so). */
  AUTO;

  /**
   * Decides the attribute for one response.
   *
   * @param requestSecure whether the request came over HTTPS
   * @return whether to send {@code Secure}
   */
  public boolean secure(boolean requestSecure) {
    return this == ALWAYS || (this == AUTO && requestSecure);
  }
}
