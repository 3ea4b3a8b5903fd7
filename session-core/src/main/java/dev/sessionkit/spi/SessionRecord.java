package dev.sessionkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A session as a store keeps it: metadata plus attributes, each attribute already encoded as JSON
 * text. Immutable.
 *
 * @param key the store key (hash of the id)
 * @param creationTime when the session was created
 * @param lastAccessTime when the session was last used, as last persisted
 * @param idleTimeout how long the session lives without use
 * @param absoluteDeadline when the session ends however much it is used; null for never
 * @param principal who is logged in; null when nobody is
 * @param attributes attribute names to JSON text
 */
public record SessionRecord(
    SessionKey key,
    Instant creationTime,
    Instant lastAccessTime,
    Duration idleTimeout,
    Instant absoluteDeadline,
    String principal,
    Map<String, String> attributes) {

  /**
   * Checks the fields and copies the attributes, unless they are {@link ImmutableAttributes}.
   *
   * @throws NullPointerException if a required field or an attribute name or value is null
   * @throws IllegalArgumentException if {@code idleTimeout} is not positive
   */
  public SessionRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    Objects.requireNonNull(attributes, "attributes");
    // A store's own immutable view is kept as it is; anything else is copied.
    attributes = attributes instanceof ImmutableAttributes ? attributes : Map.copyOf(attributes);
  }

  /**
   * Returns when the session ends: the idle deadline or the absolute deadline, whichever is first.
   *
   * @return the expiry instant
   */
  public Instant expiresAt() {
    return expiresAt(lastAccessTime, idleTimeout, absoluteDeadline);
  }

  /**
   * Computes an expiry from its parts.
   *
   * @param lastAccessTime the last use
   * @param idleTimeout the idle timeout
   * @param absoluteDeadline the absolute deadline, or null
   * @return the earlier of {@code lastAccessTime + idleTimeout} and {@code absoluteDeadline}
   */
  public static Instant expiresAt(
      Instant lastAccessTime, Duration idleTimeout, Instant absoluteDeadline) {
    Instant idle = lastAccessTime.plus(idleTimeout);
    return absoluteDeadline != null && absoluteDeadline.isBefore(idle) ? absoluteDeadline : idle;
  }

  /**
   * Returns whether the session has ended at the given instant.
   *
   * @param now the current time
   * @return true when {@code now} is at or past {@link #expiresAt()}
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt());
  }

  /**
   * Returns the absolute deadline, if any.
   *
   * @return the absolute deadline
   */
  public Optional<Instant> absoluteDeadlineIfAny() {
    return Optional.ofNullable(absoluteDeadline);
  }

  /**
   * Returns the principal, if any.
   *
   * @return who is logged in
   */
  public Optional<String> principalIfAny() {
    return Optional.ofNullable(principal);
  }

  /**
   * Returns this record with a delta applied, as a store that keeps whole records would.
   *
   * @param delta the change, for this record's key
   * @return the changed record
   * @throws IllegalArgumentException if the delta is for another key
   */
  public SessionRecord apply(SessionDelta delta) {
    if (!delta.key().equals(key)) {
      throw new IllegalArgumentException("delta is for another session");
    }
    Map<String, String> merged = new HashMap<>(attributes);
    merged.keySet().removeAll(delta.removed());
    merged.putAll(delta.set());
    return new SessionRecord(
        key,
        creationTime,
        delta.lastAccessTime(),
        delta.idleTimeout(),
        absoluteDeadline,
        delta.principalChanged() ? delta.principal() : principal,
        merged);
  }

  /**
   * Returns this record under another key, as a store that keeps whole records moves a renewed
   * session ({@link SessionRenewal}).
   *
   * @param newKey the key
   * @return the same session under {@code newKey}
   */
  public SessionRecord withKey(SessionKey newKey) {
    return new SessionRecord(
        newKey, creationTime, lastAccessTime, idleTimeout, absoluteDeadline, principal, attributes);
  }

  /**
   * Returns this record with a new last access time.
   *
   * @param lastAccess the new last access time
   * @return the touched record
   */
  public SessionRecord touch(Instant lastAccess) {
    return new SessionRecord(
        key, creationTime, lastAccess, idleTimeout, absoluteDeadline, principal, attributes);
  }
}
