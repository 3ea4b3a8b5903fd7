package dev.sessionkit.redis;

import static dev.sessionkit.redis.SessionKitCodec.ATTRIBUTE;
import static dev.sessionkit.redis.SessionKitCodec.ceilMillis;

import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScoredValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * SessionKit's own layout: one hash per session under {@code <prefix>session:{<key>}}, one sorted
 * set per principal under {@code <prefix>principal:{<sha-256 of the principal>}}. The braces are
 * Cluster hash tags: each session's key, and each index, has a slot of its own. Thread-safe.
 */
final class SessionKitLayout implements RedisLayout {

  private static final String SESSION = "session:";
  private static final String PRINCIPAL = "principal:";

  /**
   * How long Redis keeps a record past its deadline. The store's clock decides liveness on every
   * call; the TTL only removes what nobody asks for any more, so a little slack lets application
   * servers whose clocks differ slightly agree, and never lets Redis drop a record before the
   * store's clock says it has ended.
   */
  static final Duration TTL_SLACK = Duration.ofSeconds(RedisSessionStoreBuilder.TTL_SLACK_SECONDS);

  private final String prefix;

  SessionKitLayout(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public String sessionKey(SessionKey key) {
    return prefix + SESSION + "{" + key.value() + "}";
  }

  @Override
  public Optional<SessionKey> sessionKeyOf(String redisKey) {
    String head = prefix + SESSION + "{";
    if (redisKey.length() != head.length() + 65
        || !redisKey.startsWith(head)
        || !redisKey.endsWith("}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SessionKey(redisKey.substring(head.length(), redisKey.length() - 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String principalKey(String principal) {
    // hashed so that the key holds no personal data and no brace can break the hash tag
    return prefix + PRINCIPAL + "{" + sha256(principal) + "}";
  }

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
      record = SessionKitCodec.decode(key, hash);
    } catch (IllegalArgumentException e) {
      return new Loaded(Optional.empty(), true);
    }
    return new Loaded(record.isExpiredAt(now) ? Optional.empty() : Optional.of(record), false);
  }

  @Override
  public CompletionStage<Boolean> create(
      RedisCalls calls, SessionRecord record, Instant now, Instant indexUntil) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(ttlMillis(now, record.expiresAt())));
    args.addAll(SessionKitCodec.encode(record, indexUntil));
    return calls
        .script(SessionKitScripts.CREATE, keys(record.key()), args.toArray(String[]::new))
        .thenApply(reply -> ((Long) reply.get(0)) == 1L);
  }

  @Override
  public CompletionStage<Written> apply(
      RedisCalls calls, SessionDelta delta, Instant now, Instant indexUntil) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.toEpochMilli()));
    args.add(delta.lastAccessTime().toString());
    args.add(delta.idleTimeout().toString());
    args.add(Long.toString(ceilMillis(delta.expiresAt())));
    args.add(Long.toString(ttlMillis(now, delta.expiresAt())));
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
    args.add(Integer.toString(delta.set().size()));
    delta
        .set()
        .forEach(
            (name, json) -> {
              args.add(ATTRIBUTE + name);
              args.add(json);
            });
    delta.removed().forEach(name -> args.add(ATTRIBUTE + name));
    return calls
        .script(SessionKitScripts.APPLY, keys(delta.key()), args.toArray(String[]::new))
        .thenApply(SessionKitLayout::written);
  }

  @Override
  public CompletionStage<Written> touch(
      RedisCalls calls,
      SessionKey key,
      Instant lastAccessTime,
      Instant expiresAt,
      Instant now,
      Instant indexUntil) {
    return calls
        .script(
            SessionKitScripts.TOUCH,
            keys(key),
            Long.toString(now.toEpochMilli()),
            lastAccessTime.toString(),
            Long.toString(ceilMillis(expiresAt)),
            Long.toString(ttlMillis(now, expiresAt)),
            Long.toString(ceilMillis(indexUntil)))
        .thenApply(SessionKitLayout::written);
  }

  @Override
  public CompletionStage<Written> delete(
      RedisCalls calls, SessionKey key, Instant now, String onlyPrincipal) {
    return calls
        .script(
            SessionKitScripts.DELETE,
            keys(key),
            Long.toString(now.toEpochMilli()),
            onlyPrincipal == null ? "0" : "1",
            onlyPrincipal == null ? "" : onlyPrincipal)
        .thenApply(SessionKitLayout::written);
  }

  @Override
  public CompletionStage<Boolean> belongsTo(
      RedisCalls calls, SessionKey key, String principal, Instant now) {
    return calls
        .commands()
        .hmget(sessionKey(key), SessionKitCodec.PRINCIPAL, SessionKitCodec.EXPIRES)
        .thenApply(
            values -> {
              String owner = values.get(0).getValueOrElse(null);
              String expires = values.get(1).getValueOrElse(null);
              return principal.equals(owner) && isLive(expires, now);
            });
  }

  private static boolean isLive(String expires, Instant now) {
    try {
      return expires != null && Long.parseLong(expires) > now.toEpochMilli();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public CompletionStage<Void> indexAdd(
      RedisCalls calls, String principal, SessionKey key, Instant now, Duration keepFor) {
    return calls
        .script(
            SessionKitScripts.INDEX_ADD,
            new String[] {principalKey(principal)},
            key.value(),
            Long.toString(now.toEpochMilli()),
            Long.toString(Math.max(1, ceilMillis(keepFor))))
        .thenApply(reply -> null);
  }

  @Override
  public CompletionStage<Map<String, Instant>> indexMembers(RedisCalls calls, String principal) {
    return calls
        .commands()
        .zrangeWithScores(principalKey(principal), 0, -1)
        .thenApply(
            scored -> {
              Map<String, Instant> members = new HashMap<>();
              for (ScoredValue<String> member : scored) {
                members.put(member.getValue(), Instant.ofEpochMilli((long) member.getScore()));
              }
              return members;
            });
  }

  @Override
  public CompletionStage<Long> indexRemove(
      RedisCalls calls, String principal, Collection<String> members) {
    return calls.commands().zrem(principalKey(principal), members.toArray(String[]::new));
  }

  @Override
  public CompletionStage<Long> remove(RedisCalls calls, SessionKey key) {
    return calls.commands().unlink(sessionKey(key));
  }

  @Override
  public List<LuaScript> scripts() {
    return List.of(
        SessionKitScripts.CREATE,
        SessionKitScripts.APPLY,
        SessionKitScripts.TOUCH,
        SessionKitScripts.DELETE,
        SessionKitScripts.INDEX_ADD);
  }

  private String[] keys(SessionKey key) {
    return new String[] {sessionKey(key)};
  }

  private static Written written(List<Object> reply) {
    boolean done = ((Long) reply.get(0)) == 1L;
    String principal = ((Long) reply.get(1)) == 1L ? (String) reply.get(2) : null;
    return new Written(done, principal, ((Long) reply.get(3)) == 1L);
  }

  /**
   * The TTL for a record that ends at {@code expiresAt} by the store's clock: zero when it has
   * ended already, else its remaining life plus {@link #TTL_SLACK}.
   */
  static long ttlMillis(Instant now, Instant expiresAt) {
    long left = ceilMillis(Duration.between(now, expiresAt));
    return left <= 0 ? 0 : left + TTL_SLACK.toMillis();
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
