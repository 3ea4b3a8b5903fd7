package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How sessions sit in Redis: key names and the encoding of one record, and the one command (or
 * script) that reads or changes it. The store decides everything else: deadlines, errors, the
 * principal index. Replaceable so that a store can read and write another library's layout.
 *
 * <p>Every method that takes {@link RedisCalls} sends exactly one command (one round trip) and
 * returns without waiting for the reply, so that the store can pipeline several. Methods are called
 * by many threads at once, so implementations must be thread-safe. Expiry is decided by the {@code
 * now} the store passes in (its clock), never by the Redis server's clock; TTLs are set relative to
 * it.
 */
interface RedisLayout {

  /** The Redis key of a session's record. */
  String sessionKey(SessionKey key);

  /** The session whose record lives under a Redis key, or empty for another key. */
  Optional<SessionKey> sessionKeyOf(String redisKey);

  /** The Redis key of a principal's index set; in its own Cluster slot. */
  String principalKey(String principal);

  /** Reads a record; empty when there is none, it has expired at {@code now}, or is corrupt. */
  CompletionStage<Loaded> load(RedisCalls calls, SessionKey key, Instant now);

  /**
   * Replaces a record.
   *
   * @param indexUntil until when the principal index is known to live, when there is a principal
   */
  CompletionStage<Boolean> create(
      RedisCalls calls, SessionRecord record, Instant now, Instant indexUntil);

  /**
   * Applies a delta atomically, only to a live record.
   *
   * @param indexUntil the new principal index horizon, if the delta sets a principal or the old
   *     horizon is passed
   */
  CompletionStage<Written> apply(
      RedisCalls calls, SessionDelta delta, Instant now, Instant indexUntil);

  /** Moves a live record's last access and expiry. */
  CompletionStage<Written> touch(
      RedisCalls calls,
      SessionKey key,
      Instant lastAccessTime,
      Instant expiresAt,
      Instant now,
      Instant indexUntil);

  /**
   * Deletes a record.
   *
   * @param onlyPrincipal when not null, deletes only a record of this principal
   */
  CompletionStage<Written> delete(
      RedisCalls calls, SessionKey key, Instant now, String onlyPrincipal);

  /** Whether a record is live at {@code now} and belongs to the principal; for index pruning. */
  CompletionStage<Boolean> belongsTo(
      RedisCalls calls, SessionKey key, String principal, Instant now);

  /**
   * Adds a session to its principal's index, noting when, and keeps the index alive at least that
   * long.
   *
   * @param keepFor how long the index must live from now; positive
   */
  CompletionStage<Void> indexAdd(
      RedisCalls calls, String principal, SessionKey key, Instant now, Duration keepFor);

  /**
   * The raw members of a principal's index (keys of sessions that may be live), each with when it
   * was last added.
   */
  CompletionStage<Map<String, Instant>> indexMembers(RedisCalls calls, String principal);

  /** Removes members from a principal's index. */
  CompletionStage<Long> indexRemove(RedisCalls calls, String principal, Collection<String> members);

  /** Deletes a record found corrupt, without waiting for its TTL. */
  CompletionStage<Long> remove(RedisCalls calls, SessionKey key);

  /** The scripts this layout runs, so that tests can tell their inner commands apart. */
  List<LuaScript> scripts();

  /**
   * What a read found.
   *
   * @param record the live record, if any
   * @param corrupt whether a record was there but could not be decoded
   */
  record Loaded(Optional<SessionRecord> record, boolean corrupt) {}

  /**
   * What a write did.
   *
   * @param done whether the record was live and was changed (or deleted)
   * @param principal the principal the record had before, or null
   * @param extendIndex whether that principal's index must now live until the given horizon
   */
  record Written(boolean done, String principal, boolean extendIndex) {}
}
