package dev.sessionkit;

import dev.sessionkit.spi.SessionKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a session. Carries the store key, never the raw id.
 *
 * @param key the session's key
 * @param principal who was logged in, if known
 * @param time when it happened
 * @param reason why the session ended or changed
 */
public record SessionEvent(
    SessionKey key, Optional<String> principal, Instant time, Reason reason) {

  /** Why an event happened. */
  public enum Reason {
    /** The event's own meaning says it all (created, expired, evicted). */
    NONE,
    /** The application invalidated this session (logout). */
    LOGOUT,
    /** The application ended every session of the principal ("log out everywhere"). */
    LOGOUT_EVERYWHERE,
    /** A newer login of the same principal took its place under the per-principal cap. */
    CAP_EXCEEDED,
    /**
     * The session got a new id by renewal ({@link SessionConfig#renewalInterval()} or {@link
     * Session#renew()}); its old id leads to it for the renewal grace.
     */
    RENEWED,
    /**
     * The application expired this login ({@link SessionsByPrincipal#expire}, Spring Security's
     * {@code SessionInformation.expireNow()}): the session lost its principal and data, and its
     * next request learns why.
     */
    EXPIRED
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SessionEvent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * An event whose kind says why it happened (created, expired, evicted).
   *
   * @param key the session's key
   * @param principal who was logged in, if known
   * @param time when it happened
   */
  public SessionEvent(SessionKey key, Optional<String> principal, Instant time) {
    this(key, principal, time, Reason.NONE);
  }
}
