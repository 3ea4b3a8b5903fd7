package dev.sessionkit.redis;

import static dev.sessionkit.redis.SessionHashCodec.ceilMillis;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.ScoredValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The sessions of each principal: one sorted set per principal under {@code
 * <prefix>principal:{<sha-256 of the principal>}}, whose members are the keys of that principal's
 * sessions, each scored by when it was last added (epoch ms), or by -1 once the per-principal cap
 * has ended it ({@link PrincipalCap}) and until its hash is deleted. The braces give each set a
 * Cluster slot of its own, apart from its sessions' hashes, so it is written in a round trip of its
 * own: a session joins before its hash names the principal (a failure leaves a stale member, never
 * a missing one) and leaves after. A member whose hash is gone or names someone else is pruned when
 * the set is read.
 *
 * <p>A set must outlive its members. Each session hash notes until when its principal's set is
 * known to live ({@code ixu}); the scripts say when a session passes that horizon, and the store
 * then extends the set. Thread-safe.
 */
final class PrincipalIndex {

  private static final String PRINCIPAL = "principal:";

  /** How long past the timeout a member waits for its hash before a missing hash means gone. */
  private static final Duration GRACE = Duration.ofMinutes(1);

  private static final System.Logger LOG = System.getLogger(PrincipalIndex.class.getName());

  /**
   * The records an index points at, in whichever layout the store keeps them: the index reads and
   * deletes them through this, and names its sets under {@link #indexPrefix()}.
   */
  interface Records {

    /** The prefix of the index's set keys. */
    String indexPrefix();

    /** Reads a record; empty when there is none or it has ended at {@code now}. */
    CompletionStage<SessionHashLayout.Loaded> load(RedisCalls calls, SessionKey key, Instant now);

    /**
     * Deletes a live record.
     *
     * @param onlyPrincipal when not null, deletes only a record of this principal
     */
    CompletionStage<SessionHashLayout.Written> delete(
        RedisCalls calls, SessionKey key, Instant now, String onlyPrincipal);
  }

  private final Records sessions;
  private final Duration timeout;

  PrincipalIndex(Records sessions, Duration timeout) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The Redis key of a principal's set, hashed so that it holds no personal data and no brace in
   * the principal can break the hash tag.
   */
  String indexKey(String principal) {
    return sessions.indexPrefix() + PRINCIPAL + "{" + sha256(principal) + "}";
  }

  /**
   * Until when a principal's set must live for a session that ends at {@code expiresAt}: one more
   * lifetime beyond it, so that a session touched now and then extends the set rarely.
   */
  static Instant horizon(Instant now, Instant expiresAt) {
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? expiresAt : expiresAt.plus(left);
  }

  /**
   * Adds a session that is about to name the principal, and keeps the set alive until {@code
   * until}; waits, so that the session's hash is written only after its member.
   *
   * @throws SessionStoreException when Redis fails
   */
  void join(RedisCalls calls, String principal, SessionKey key, Instant now, Instant until) {
    calls.await(
        calls.script(
            SessionScripts.INDEX_ADD,
            new String[] {indexKey(principal)},
            key.value(),
            Long.toString(now.toEpochMilli()),
            Long.toString(Math.max(1, ceilMillis(Duration.between(now, until))))));
  }

  /** Keeps the set alive until {@code until}; a failure is logged, the set keeps its horizon. */
  void extend(RedisCalls calls, String principal, SessionKey key, Instant now, Instant until) {
    try {
      join(calls, principal, key, now, until);
    } catch (SessionStoreException e) {
      // the session itself was written; the set keeps its older horizon
      LOG.log(System.Logger.Level.WARNING, "could not extend the principal index of " + key, e);
    }
  }

  /** Removes a session that no longer names the principal. */
  void leave(RedisCalls calls, String principal, SessionKey key) {
    prune(calls, principal, List.of(key.value()));
  }

  /** Removes sessions, by member, that no longer name the principal. */
  void leave(RedisCalls calls, String principal, Collection<String> members) {
    prune(calls, principal, members);
  }

  /**
   * The live sessions of a principal: one read of the set, then one load per member, sent together
   * and answered together in one pipelined round trip.
   */
  List<SessionRecord> find(RedisCalls calls, String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Map<String, Instant> members = calls.await(members(calls, principal));
    Map<String, CompletionStage<SessionHashLayout.Loaded>> loads = new LinkedHashMap<>();
    for (String member : members.keySet()) {
      parseKey(member).ifPresent(key -> loads.put(member, sessions.load(calls, key, now)));
    }
    List<SessionRecord> live = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    members.forEach(
        (member, added) -> {
          CompletionStage<SessionHashLayout.Loaded> load = loads.get(member);
          Optional<SessionRecord> record =
              load == null
                  ? Optional.empty()
                  : calls.await(load).record().filter(r -> principal.equals(r.principal()));
          if (record.isPresent()) {
            live.add(record.get());
          } else if (load == null || settled(added, now)) {
            stale.add(member);
          }
        });
    prune(calls, principal, stale);
    return List.copyOf(live);
  }

  /**
   * Deletes the live sessions of a principal, each only if it still names the principal, in one
   * pipelined round trip after the read of the set.
   *
   * @return the keys of the sessions deleted
   */
  List<SessionKey> deleteAll(RedisCalls calls, String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Map<String, Instant> members = calls.await(members(calls, principal));
    Map<String, CompletionStage<SessionHashLayout.Written>> deletes = new LinkedHashMap<>();
    for (String member : members.keySet()) {
      parseKey(member)
          .ifPresent(key -> deletes.put(member, sessions.delete(calls, key, now, principal)));
    }
    List<SessionKey> deleted = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    members.forEach(
        (member, added) -> {
          CompletionStage<SessionHashLayout.Written> delete = deletes.get(member);
          if (delete != null && calls.await(delete).done()) {
            deleted.add(new SessionKey(member));
            gone.add(member);
          } else if (delete == null || settled(added, now)) {
            gone.add(member);
          }
        });
    prune(calls, principal, gone);
    return List.copyOf(deleted);
  }

  /** The raw members of a principal's set, each with when it was last added. */
  private CompletionStage<Map<String, Instant>> members(RedisCalls calls, String principal) {
    return calls
        .commands()
        .zrangeWithScores(indexKey(principal), 0, -1)
        .thenApply(
            scored -> {
              Map<String, Instant> members = new LinkedHashMap<>();
              for (ScoredValue<String> member : scored) {
                members.put(member.getValue(), Instant.ofEpochMilli((long) member.getScore()));
              }
              return members;
            });
  }

  /**
   * Whether a member was added long enough ago that a missing hash means the session is gone,
   * rather than a session being created right now (its member is added just before its hash is
   * written, and must not be pruned in between).
   */
  private boolean settled(Instant added, Instant now) {
    return added.plus(timeout).plus(GRACE).isBefore(now);
  }

  /** Removes members; a failure only leaves them for the next read to prune. */
  private void prune(RedisCalls calls, String principal, Collection<String> members) {
    if (members.isEmpty()) {
      return;
    }
    try {
      calls.await(calls.commands().zrem(indexKey(principal), members.toArray(String[]::new)));
    } catch (SessionStoreException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not prune a principal index", e);
    }
  }

  private static Optional<SessionKey> parseKey(String member) {
    try {
      return Optional.of(new SessionKey(member));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
