package dev.sessionkit.redis;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.SessionDelta;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in connect-redis's layout, so that a Node application (express-session with
 * connect-redis) and this one share them: one string key {@code <prefix><id>} ({@code sess:} by
 * default) holding the session as JSON ({@link ExpressSessionJson}), with a TTL that ends at {@code
 * cookie.expires} or at the later end a connect-redis touch gave the key. Keys hold raw session
 * ids, because Node looks records up by them. A create, a load, a delta and a touch are one script
 * each ({@link ExpressScript}), a delete one {@code DEL}. Thread-safe.
 */
final class ExpressRedisStore implements SessionStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RedisConnector connector;
  private final String prefix;
  private final Clock clock;
  private final Duration timeout;

  ExpressRedisStore(RedisConnector connector, String prefix, Clock clock, Duration timeout) {
    this.connector = connector;
    this.prefix = prefix;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public boolean keysByRawId() {
    return true;
  }

  private String redisKey(SessionKey key) {
    return prefix + key.value();
  }

  @Override
  public Optional<SessionRecord> load(SessionKey key) {
    Objects.requireNonNull(key, "key");
    RedisCalls calls = calls("load " + key);
    List<Object> reply =
        calls.await(calls.script(ExpressScript.LOAD, new String[] {redisKey(key)}));
    Instant now = clock.instant();
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    String json = String.valueOf(reply.get(0));
    String touched = reply.size() > 1 ? String.valueOf(reply.get(1)) : "";
    // A Node touch since the last write moved only the TTL: its end is the session's end.
    Instant touchedEnd = touched.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(touched));
    return ExpressSessionJson.decode(key, json, now, touchedEnd).filter(r -> !r.isExpiredAt(now));
  }

  @Override
  public void create(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    String json = ExpressSessionJson.encode(record);
    RedisCalls calls = calls("create " + record.key());
    Instant now = clock.instant();
    if (!record.expiresAt().isAfter(now)) {
      calls.await(calls.commands().del(redisKey(record.key())));
      return;
    }
    calls.await(
        calls.script(
            ExpressScript.CREATE,
            new String[] {redisKey(record.key())},
            json,
            Long.toString(ttlMillis(now, record.expiresAt()))));
  }

  @Override
  public boolean apply(SessionDelta delta) {
    Objects.requireNonNull(delta, "delta");
    for (String name : delta.set().keySet()) {
      ExpressSessionJson.checkName(name);
    }
    return merge(
        "apply " + delta.key(),
        delta.key(),
        delta.lastAccessTime(),
        delta.idleTimeout(),
        delta.expiresAt(),
        delta);
  }

  @Override
  public boolean touch(SessionKey key, Instant lastAccessTime, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
    // The idle timeout is not part of a touch: it stays what cookie.originalMaxAge says, which
    // the engine's expiresAt was computed from.
    return merge("touch " + key, key, lastAccessTime, null, expiresAt, null);
  }

  private boolean merge(
      String what,
      SessionKey key,
      Instant lastAccess,
      Duration idle,
      Instant expiresAt,
      SessionDelta delta) {
    Instant now = clock.instant();
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Long.toString(ttlMillis(now, expiresAt)));
    args.add('"' + ExpressSessionJson.expires(expiresAt) + '"');
    args.add(idle == null ? "" : Long.toString(idle.toMillis()));
    args.add(Long.toString(lastAccess.toEpochMilli()));
    boolean principalChanged = delta != null && delta.principalChanged();
    args.add(principalChanged ? "1" : "0");
    args.add(
        principalChanged && delta.principal() != null
            ? JSON.writeValueAsString(delta.principal())
            : "");
    args.add(Integer.toString(delta == null ? 0 : delta.set().size()));
    if (delta != null) {
      for (Map.Entry<String, String> e : delta.set().entrySet()) {
        args.add(e.getKey());
        args.add(e.getValue());
      }
      args.addAll(delta.removed());
    }
    RedisCalls calls = calls(what);
    List<Object> reply =
        calls.await(
            calls.script(
                ExpressScript.MERGE, new String[] {redisKey(key)}, args.toArray(String[]::new)));
    return !reply.isEmpty() && Long.valueOf(1).equals(reply.get(0));
  }

  /**
   * The key's TTL: to the session's end plus {@link SessionHashLayout#TTL_SLACK}, so that servers
   * whose clocks differ a little agree; the engine's clock still decides, on every call, that the
   * session has ended.
   */
  private static long ttlMillis(Instant now, Instant expiresAt) {
    return Duration.between(now, expiresAt).plus(SessionHashLayout.TTL_SLACK).toMillis();
  }

  @Override
  public boolean delete(SessionKey key) {
    Objects.requireNonNull(key, "key");
    RedisCalls calls = calls("delete " + key);
    return calls.await(calls.commands().del(redisKey(key))) > 0;
  }

  @Override
  public void close() {
    connector.close();
  }

  @Override
  public String toString() {
    return "RedisSessionStore[express layout, prefix=" + prefix + ", timeout=" + timeout + "]";
  }

  private RedisCalls calls(String what) {
    long deadline = RedisCalls.deadline(timeout);
    return new RedisCalls(connector.commands(deadline, what), deadline, what);
  }
}
