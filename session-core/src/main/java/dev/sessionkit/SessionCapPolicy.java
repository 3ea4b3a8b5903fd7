package dev.sessionkit;

/** What a login does when its principal already has as many sessions as the cap allows. */
public enum SessionCapPolicy {
  /** End the principal's least recently used sessions to make room (the default). */
  END_OLDEST,
  /** Refuse the login with {@link SessionLimitExceededException}. */
  REFUSE
}
