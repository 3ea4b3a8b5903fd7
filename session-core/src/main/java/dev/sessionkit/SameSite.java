package dev.sessionkit;

/** The {@code SameSite} attribute of the session cookie. */
public enum SameSite {
  /** Sent on same-site requests and top-level cross-site navigations (the default). */
  LAX("Lax"),
  /** Sent on same-site requests only. */
  STRICT("Strict"),
  /** Sent on every request; requires {@code Secure}. */
  NONE("None");

  private final String attribute;

  SameSite(String attribute) {
    this.attribute = attribute;
  }

  /**
   * Returns the attribute value as written in {@code Set-Cookie}.
   *
   * @return {@code Lax}, {@code Strict} or {@code None}
   */
  public String attribute() {
    return attribute;
  }
}
