package dev.sessionkit.redis;

import static dev.sessionkit.redis.SessionHashCodec.ATTRIBUTE;
import static dev.sessionkit.redis.SessionHashCodec.ceilMillis;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Where and how a session sits in Redis: one hash per session under {@code
 * <prefix>session:{<key>}}, encoded by {@link SessionHashCodec}, and the one command or script that
 * reads or changes it. The braces are a Cluster hash tag, so each session's hash has a slot of its
 * own that depends on its key alone.
 *
 * <p>Every method that takes {@link RedisCalls} sends exactly one command (one round trip) and
 * returns without waiting for the reply, so that the store can pipeline several. Liveness is
 * decided by the {@code now} the store passes in (the engine's clock), never by the Redis server's
 * clock; TTLs are set relative to it.
 *
 * <p>The key's TTL runs to a horizon a little past the session's deadline ({@link #ttlHorizon}),
 * noted in the hash ({@code ttlu}), so that most writes, which move the deadline by less than that,
 * need not move the TTL: the scripts send {@code PEXPIRE} only when a new deadline passes the
 * horizon. Redis may therefore keep an ended session's hash a little longer; the engine's clock
 * still decides, on every call, that it has ended. Thread-safe.
 */
final class SessionHashLayout implements PrincipalIndex.Records {

  private static final String SESSION = "session:";

  private static final String FORWARD = "forward:";

  /**
   * How long Redis keeps a record past its deadline. The store's clock decides liveness on every
   * call; the TTL only removes what nobody asks for any more, so a little slack lets application
   * servers whose clocks differ slightly agree, and never lets Redis drop a record before the
   * store's clock says it has ended.
   */
  static final Duration TTL_SLACK = Duration.ofSeconds(10);

  /**
   * How far past a session's deadline the key's TTL horizon lies, as a fraction (1 / this) of the
   * session's remaining life when the TTL is set: a session used every minute with a 30-minute idle
   * timeout moves its TTL on every eighth use, and an abandoned one stays in Redis at most 7.5
   * minutes (plus the slack) past its deadline.
   */
  static final int TTL_HORIZON_DIVISOR = 4;

  private final String prefix;

  /**
   * Creates the layout of one key prefix.
   *
   * @throws IllegalArgumentException if the prefix holds a brace, which would make it the hash tag
   *     of every key and move them all into one Cluster slot
   */
  SessionHashLayout(String prefix) {
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException(
          "keyPrefix must not contain '{' or '}', which would move every key into one Cluster"
              + " slot: "
              + prefix);
    }
    this.prefix = prefix;
  }

  /** The prefix of every key the store writes. */
  String prefix() {
    return prefix;
  }

  /** The principal indexes live under the same prefix as the hashes. */
  @Override
  public String indexPrefix() {
    return prefix;
  }

  /** The Redis key of a session's hash. */
  String sessionKey(SessionKey key) {
    return prefix + SESSION + "{" + key.value() + "}";
  }

  /**
   * The Redis key of a renewed session's forward: the old key's hash tag, so that it shares the old
   * session's slot and one script can end the one and write the other.
   */
  String forwardKey(SessionKey key) {
    return prefix + FORWARD + "{" + key.value() + "}";
  }

  /**
   * Reads where a renewed session's old key leads at {@code now}: GET of its forward, whose value
   * is the new key and the end of the grace by the engine's clock (Redis's own TTL only cleans up).
   */
  CompletionStage<Optional<SessionKey>> forward(RedisCalls calls, SessionKey key, Instant now) {
    return calls
        .commands()
        .get(forwardKey(key))
        .thenApply(
            value -> {
              int space = value == null ? -1 : value.indexOf(' ');
              if (space < 0) {
                return Optional.empty();
              }
              try {
                long until = Long.parseLong(value.substring(space + 1));
                return now.toEpochMilli() < until
                    ? Optional.of(new SessionKey(value.substring(0, space)))
                    : Optional.empty();
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * The first step of a renewal: the live record under {@code key} and a fingerprint of its hash,
   * or empty.
   */
  CompletionStage<Optional<Map.Entry<String, SessionRecord>>> renewRead(
      RedisCalls calls, SessionKey key, Instant now) {
    return calls
        .script(SessionScripts.RENEW_READ, keys(key))
        .thenApply(
            reply -> {
              if (reply.isEmpty()) {
                return Optional.empty();
              }
              Map<String, String> hash = new java.util.HashMap<>();
              for (int i = 1; i + 1 < reply.size(); i += 2) {
                hash.put((String) reply.get(i), (String) reply.get(i + 1));
              }
              return decode(key, hash, now)
                  .record()
                  .map(record -> Map.entry((String) reply.get(0), record));
            });
  }

  /**
   * The last step of a renewal: ends the old record, if still live and unchanged since {@link
   * #renewRead}, and leaves its forward to {@code to} until {@code graceUntil}. Answers 1 (done), 0
   * (gone or ended) or 2 (changed meanwhile).
   */
  CompletionStage<Long> renewSeal(
      RedisCalls calls,
      SessionKey from,
      String fingerprint,
      SessionKey to,
      Instant now,
      Instant graceUntil) {
    long grace = graceUntil.toEpochMilli() - now.toEpochMilli();
    return calls
        .script(
            SessionScripts.RENEW_SEAL,
            new String[] {sessionKey(from), forwardKey(from)},
            Long.toString(now.toEpochMilli()),
            fingerprint,
            to.value() + " " + graceUntil.toEpochMilli(),
            Long.toString(grace > 0 ? grace + TTL_SLACK.toMillis() : 0))
        .thenApply(reply -> (Long) reply.get(0));
  }

  /** Ends a forward (a logout through a renewed session's old key). */
  CompletionStage<Long> removeForward(RedisCalls calls, SessionKey key) {
    return calls.commands().unlink(forwardKey(key));
  }

  /** The session whose hash lives under a Redis key, or empty for any other key. */
  Optional<SessionKey> sessionKeyOf(String redisKey) {
    String head = prefix + SESSION + "{";
    if (redisKey.length() != head.length() + 65
        || !redisKey.startsWith(head)
        || !redisKey.endsWith("}")) {
      return Optional.empty();
    }
    try {
      SessionKey key = new SessionKey(redisKey.substring(head.length(), redisKey.length() - 1));
      // This layout keys by hashes only; a raw id here was not written by it.
      return key.isRawId() ? Optional.empty() : Optional.of(key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a record: HGETALL. Empty when there is none, it has ended at {@code now}, or is corrupt.
   */
  @Override
  public CompletionStage<Loaded> load(RedisCalls calls, SessionKey key, Instant now) {
    return calls
        .commands()
        .hgetall(sessionKey(key))
        .handle(
            (hash, error) -> {
              if (error == null) {
                return decode(key, hash, now);
              }
              if (RedisCalls.unwrap(error) instanceof RedisCommandExecutionException e
                  && String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                // something other than a hash sits under the session's key
                return new Loaded(Optional.empty(), true);
              }
              throw error instanceof CompletionException c ? c : new CompletionException(error);
            });
  }

  private static Loaded decode(SessionKey key, Map<String, String> hash, Instant now) {
    if (hash == null || hash.isEmpty()) {
      return new Loaded(Optional.empty(), false);
    }
    SessionRecord record;
    try {
      record = SessionHashCodec.decode(key, hash);
    } catch (IllegalArgumentException e) {
      return new Loaded(Optional.empty(), true);
    }
    return new Loaded(record.isExpiredAt(now) ? Optional.empty() : Optional.of(record), false);
  }

  /**
   * Replaces a record.
   *
   * @param indexUntil until when the principal index is known to live, when there is a principal
   */
  CompletionStage<Boolean> create(
      RedisCalls calls, SessionRecord record, Instant now, Instant indexUntil) {
    Instant ttlUntil = ttlHorizon(now, record.expiresAt());
    List<String> args = new ArrayList<>();
    args.add(Long.toString(ttlMillis(now, record.expiresAt(), ttlUntil)));
    args.addAll(SessionHashCodec.encode(record, indexUntil, ttlUntil));
    return calls
        .script(SessionScripts.CREATE, keys(record.key()), args.toArray(String[]::new))
        .thenApply(reply -> ((Long) reply.get(0)) == 1L);
  }

  /**
   * Applies a delta atomically, only to a live record.
   *
   * @param indexUntil the new principal index horizon, if the delta sets a principal or the old
   *     horizon is passed
   */
  CompletionStage<Written> apply(
      RedisCalls calls, SessionDelta delta, Instant now, Instant indexUntil) {
    Instant ttlUntil = ttlHorizon(now, delta.expiresAt());
    List<String> args = new ArrayList<>(13 + 2 * delta.set().size() + delta.removed().size());
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Long.toString(ceilMillis(ttlUntil)));
    args.add(Long.toString(ttlMillis(now, delta.expiresAt(), ttlUntil)));
    args.add(Long.toString(ceilMillis(indexUntil)));
    if (!delta.principalChanged()) {
      args.add("keep");
      args.add("");
    } else if (delta.principal() == null) {
      args.add("clear");
      args.add("");
    } else {
      args.add("set");
      args.add(delta.principal());
    }
    // what the script writes with one HSET, straight from its arguments
    args.add(Integer.toString(6 + 2 * delta.set().size()));
    args.add(SessionHashCodec.ACCESSED);
    args.add(delta.lastAccessTime().toString());
    args.add(SessionHashCodec.IDLE);
    args.add(delta.idleTimeout().toString());
    args.add(SessionHashCodec.EXPIRES);
    args.add(Long.toString(ceilMillis(delta.expiresAt())));
    delta
        .set()
        .forEach(
            (name, json) -> {
              args.add(ATTRIBUTE + name);
              args.add(json);
            });
    delta.removed().forEach(name -> args.add(ATTRIBUTE + name));
    return calls
        .script(SessionScripts.APPLY, keys(delta.key()), args.toArray(String[]::new))
        .thenApply(SessionHashLayout::written);
  }

  /** Moves a live record's last access and expiry. */
  CompletionStage<Written> touch(
      RedisCalls calls,
      SessionKey key,
      Instant lastAccessTime,
      Instant expiresAt,
      Instant now,
      Instant indexUntil) {
    Instant ttlUntil = ttlHorizon(now, expiresAt);
    return calls
        .script(
            SessionScripts.TOUCH,
            keys(key),
            Long.toString(now.toEpochMilli()),
            lastAccessTime.toString(),
            Long.toString(ceilMillis(expiresAt)),
            Long.toString(ceilMillis(ttlUntil)),
            Long.toString(ttlMillis(now, expiresAt, ttlUntil)),
            Long.toString(ceilMillis(indexUntil)))
        .thenApply(SessionHashLayout::written);
  }

  /**
   * Deletes a record.
   *
   * @param onlyPrincipal when not null, deletes only a record of this principal
   */
  @Override
  public CompletionStage<Written> delete(
      RedisCalls calls, SessionKey key, Instant now, String onlyPrincipal) {
    return calls
        .script(
            SessionScripts.DELETE,
            keys(key),
            Long.toString(now.toEpochMilli()),
            onlyPrincipal == null ? "0" : "1",
            onlyPrincipal == null ? "" : onlyPrincipal)
        .thenApply(SessionHashLayout::written);
  }

  /** Deletes a record found corrupt, without waiting for its TTL. */
  CompletionStage<Long> remove(RedisCalls calls, SessionKey key) {
    return calls.commands().unlink(sessionKey(key));
  }

  private String[] keys(SessionKey key) {
    return new String[] {sessionKey(key)};
  }

  /** Reads a script's answer: 0 (not live), 1 (written, nothing more to do) or the full table. */
  private static Written written(List<Object> reply) {
    boolean done = ((Long) reply.get(0)) == 1L;
    if (reply.size() == 1) {
      return new Written(done, null, false);
    }
    String principal = ((Long) reply.get(1)) == 1L ? (String) reply.get(2) : null;
    return new Written(done, principal, ((Long) reply.get(3)) == 1L);
  }

  /**
   * Until when the key of a session that ends at {@code expiresAt} should live, by the engine's
   * clock: a {@linkplain #TTL_HORIZON_DIVISOR fraction} of its remaining life past the deadline, so
   * that later writes that move the deadline less than that leave the TTL alone.
   */
  static Instant ttlHorizon(Instant now, Instant expiresAt) {
    Duration left = Duration.between(now, expiresAt);
    // in milliseconds: Duration.dividedBy goes through BigDecimal, on every write
    return left.isNegative()
        ? expiresAt
        : expiresAt.plusMillis(left.toMillis() / TTL_HORIZON_DIVISOR);
  }

  /**
   * The TTL for a record that ends at {@code expiresAt} by the engine's clock and whose key should
   * live until {@code horizon}: zero when the record has ended already, else the time left until
   * the horizon plus {@link #TTL_SLACK}.
   */
  static long ttlMillis(Instant now, Instant expiresAt, Instant horizon) {
    if (ceilMillis(Duration.between(now, expiresAt)) <= 0) {
      return 0;
    }
    return ceilMillis(Duration.between(now, horizon)) + TTL_SLACK.toMillis();
  }

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
   * @param principal the principal the record had before, or null: always given by a delete, by an
   *     apply that changes the principal and by a write that extends the index, else null
   * @param extendIndex whether that principal's index must now live until the given horizon
   */
  record Written(boolean done, String principal, boolean extendIndex) {}
}
