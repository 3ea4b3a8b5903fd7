package dev.sessionkit;

/**
 * The save / touch / set-cookie decision, as one table. Pure: no store, no clock.
 *
 * <table>
 *   <caption>Rows are tried top to bottom; the first that matches decides.</caption>
 *   <tr><th>state</th><th>condition</th><th>store</th><th>cookie</th></tr>
 *   <tr><td>untouched</td><td>-</td><td>none</td><td>none</td></tr>
 *   <tr><td>invalidated</td><td>no new session made after</td><td>none (deleted at
 *       invalidate)</td><td>clear</td></tr>
 *   <tr><td>new</td><td>modified or saveUninitialized</td><td>create</td><td>set</td></tr>
 *   <tr><td>new</td><td>an old session was invalidated this request</td><td>none</td>
 *       <td>clear</td></tr>
 *   <tr><td>new</td><td>otherwise</td><td>none</td><td>none</td></tr>
 *   <tr><td>loaded</td><td>regenerated</td><td>create new, delete old</td><td>set</td></tr>
 *   <tr><td>loaded</td><td>renewal due</td><td>renew (move to a new id with this request's
 *       changes; the old id forwards for the grace)</td><td>set</td></tr>
 *   <tr><td>loaded</td><td>modified or resave</td><td>apply</td>
 *       <td>set if rolling, the cookie carries the state, or its lifetime changed</td></tr>
 *   <tr><td>loaded</td><td>touch interval passed, or touch asked for</td><td>touch</td>
 *       <td>set if rolling or the cookie carries the state</td></tr>
 *   <tr><td>loaded</td><td>otherwise</td><td>none</td><td>set if rolling</td></tr>
 * </table>
 *
 * <p>A session reached through a renewed session's old id (forwarded) never has its cookie set: the
 * only id this request knows is the old one, and the browser already holds the new one.
 */
final class CommitDecision {

  /** Where the request's session stands at commit. */
  enum State {
    /** The application never asked for the session. */
    UNTOUCHED,
    /** The session the client knows was invalidated and no new one was made. */
    INVALIDATED,
    /** A session made in this request, not yet saved. */
    NEW,
    /** A session loaded from the store (or saved earlier in this request). */
    LOADED
  }

  /** What to do to the store. */
  enum StoreOp {
    NONE,
    CREATE,
    APPLY,
    TOUCH,
    RENEW
  }

  /** What to do to the cookie. */
  enum CookieOp {
    NONE,
    SET,
    CLEAR
  }

  /** The facts the decision reads. */
  record Input(
      State state,
      boolean modified,
      boolean regenerated,
      boolean touchDue,
      boolean invalidatedThisRequest,
      boolean resave,
      boolean saveUninitialized,
      boolean rolling,
      boolean cookieCarriesState,
      boolean cookieChanged,
      boolean renewalDue,
      boolean forwarded) {}

  /** The decision. */
  record Decision(StoreOp store, CookieOp cookie) {}

  private static final Decision NOTHING = new Decision(StoreOp.NONE, CookieOp.NONE);

  private CommitDecision() {}

  static Decision decide(Input in) {
    switch (in.state()) {
      case UNTOUCHED:
        return NOTHING;
      case INVALIDATED:
        return new Decision(StoreOp.NONE, CookieOp.CLEAR);
      case NEW:
        if (in.modified() || in.saveUninitialized()) {
          return new Decision(StoreOp.CREATE, CookieOp.SET);
        }
        return in.invalidatedThisRequest() ? new Decision(StoreOp.NONE, CookieOp.CLEAR) : NOTHING;
      case LOADED:
      default:
        CookieOp renew =
            in.rolling() || in.cookieCarriesState() || in.cookieChanged()
                ? CookieOp.SET
                : CookieOp.NONE;
        if (in.regenerated()) {
          return new Decision(StoreOp.CREATE, CookieOp.SET);
        }
        if (in.renewalDue() && !in.forwarded()) {
          return new Decision(StoreOp.RENEW, CookieOp.SET);
        }
        if (in.forwarded()) {
          renew = CookieOp.NONE;
        }
        if (in.modified() || in.resave()) {
          return new Decision(StoreOp.APPLY, renew);
        }
        if (in.touchDue()) {
          return new Decision(StoreOp.TOUCH, renew);
        }
        return new Decision(
            StoreOp.NONE, in.rolling() && !in.forwarded() ? CookieOp.SET : CookieOp.NONE);
    }
  }
}
