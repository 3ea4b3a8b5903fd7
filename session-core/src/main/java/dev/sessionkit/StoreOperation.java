package dev.sessionkit;

/** The calls the engine makes to a store, as {@link SessionListener#storeCalled} reports them. */
public enum StoreOperation {
  /** Reading a session. */
  LOAD,
  /** Writing a new session. */
  CREATE,
  /** Applying one request's changes. */
  APPLY,
  /** Moving an unchanged session's idle deadline. */
  TOUCH,
  /** Deleting a session. */
  DELETE,
  /** Moving a session to a new id, the old one forwarding to it for a grace window. */
  RENEW
}
