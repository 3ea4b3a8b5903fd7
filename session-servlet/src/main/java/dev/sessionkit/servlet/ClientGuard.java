package dev.sessionkit.servlet;

/**
 * Decides what happens to a client that keeps sending session cookies that give no session (forged,
 * malformed, unknown or expired ids: OWASP "detect session id guessing"). The filter counts
 * rejected cookies per client address over intervals of 10 seconds and asks the guard after each
 * request that had some; a client the guard blocks is answered {@code 429} with {@code
 * {"error":"too many rejected session cookies"}} and a {@code Retry-After} until the interval ends,
 * without reaching the application. Implementations are called on request threads and must be
 * thread-safe and quick.
 */
@FunctionalInterface
public interface ClientGuard {

  /** A guard that never blocks: rejected cookies are only counted and logged. The default. */
  ClientGuard NEVER_BLOCK = (address, rejected) -> false;

  /**
   * Decides whether to block a client for the rest of the interval.
   *
   * @param address the client's address as the container reports it ({@code getRemoteAddr()})
   * @param rejectedInInterval how many of its session cookies were rejected in this interval, this
   *     request's included
   * @return true to answer its requests {@code 429} until the interval ends
   */
  boolean block(String address, long rejectedInInterval);

  /**
   * A guard that blocks a client once it has sent more than {@code limit} rejected cookies in one
   * interval. A browser sends one stale cookie after its session ends; a guesser sends thousands.
   *
   * @param limit the most rejected cookies a client may send per interval, at least 1
   * @return the guard
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  static ClientGuard blockAbove(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return (address, rejected) -> rejected > limit;
  }
}
