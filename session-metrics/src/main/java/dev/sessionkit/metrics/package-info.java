/**
 * Micrometer meters for SessionKit: {@link dev.sessionkit.metrics.SessionMetrics} hears the
 * engine's events as its {@link dev.sessionkit.SessionListener} and counts sessions, rejected
 * cookies and store calls in any {@code MeterRegistry} it is bound to. No Spring needed.
 */
package dev.sessionkit.metrics;
