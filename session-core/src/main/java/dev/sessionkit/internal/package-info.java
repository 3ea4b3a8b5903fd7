/**
 * The engine's helpers: cookie signing and sealing, cookie header parsing, session ids, the
 * attribute codec and the builder convention. Not exported to applications; the types are public
 * only so that SessionKit's own modules and tests can reach them.
 */
package dev.sessionkit.internal;
