/**
 * The SessionKit API for applications: {@link dev.sessionkit.SessionManager}, the request's {@link
 * dev.sessionkit.SessionContext} and its {@link dev.sessionkit.Session}, {@link
 * dev.sessionkit.SessionConfig} and {@link dev.sessionkit.CookieSettings}, events and exceptions.
 * Store authors implement {@code dev.sessionkit.spi}.
 */
package dev.sessionkit;
