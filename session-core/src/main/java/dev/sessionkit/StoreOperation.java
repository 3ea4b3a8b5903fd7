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
  RENEW,
  /** Listing the sessions of a principal ({@code PrincipalSessions.findByPrincipal}). */
  FIND_BY_PRINCIPAL,
  /** Ending every session of a principal ({@code PrincipalSessions.deleteByPrincipal}). */
  DELETE_BY_PRINCIPAL,
  /** Holding the per-principal cap after a login ({@code PrincipalSessions.admit}). */
  ADMIT,
  /** Counting the stored sessions ({@code SessionInventory.count}). */
  COUNT,
  /** Reading one page of the stored sessions ({@code SessionInventory.page}). */
  PAGE,
  /** Deleting every stored session ({@code SessionInventory.clear}). */
  CLEAR
}
