/**
 * What store authors implement: {@link dev.sessionkit.spi.SessionStore}, the records and deltas it
 * keeps, the {@link dev.sessionkit.spi.StoreFactory} the engine builds it through, and optional
 * capabilities such as {@link dev.sessionkit.spi.PrincipalSessions} and {@link
 * dev.sessionkit.spi.SessionSweep}. The {@code session-store-tck} artifact checks an implementation
 * against the contract.
 */
package dev.sessionkit.spi;
