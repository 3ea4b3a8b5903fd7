/**
 * The SessionKit API and engine: {@link dev.sessionkit.Session}, the {@link
 * dev.sessionkit.SessionStore} SPI, ids, signed cookies, policies and timeouts.
 */
package dev.sessionkit;
