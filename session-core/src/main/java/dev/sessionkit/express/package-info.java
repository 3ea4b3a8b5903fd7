/**
 * express-session compatibility for store layouts: {@link
 * dev.sessionkit.express.ExpressSessionJson}, the session record as express-session's stores
 * (connect-redis, connect-pg-simple) keep it, so that a Node application and SessionKit share
 * sessions during a move.
 *
 * <p>Exported on purpose, and apart from {@code dev.sessionkit.spi}: a store that offers an
 * express-compatible layout (SessionKit's Redis and JDBC stores, or a third party's) must read and
 * write exactly this format, yet it is not part of the contract every store implements, and an
 * application never needs it (it chooses {@link dev.sessionkit.CookieFormat#EXPRESS} instead). The
 * engine's side of the format (the {@code s:<id>.<mac>} cookie, its attributes, the reserved member
 * names) sits behind one package-private strategy in {@code dev.sessionkit}, picked once when a
 * manager is built, so the default path has no express branches.
 */
package dev.sessionkit.express;
