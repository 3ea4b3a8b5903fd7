package dev.sessionkit.redis;

import dev.sessionkit.express.ExpressSessionJson;
import dev.sessionkit.spi.PrincipalSessions;
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
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in connect-redis's layout, so that a Node application (express-session with
 * connect-redis) and this one share them: one string key {@code <prefix><id>} ({@code sess:} by
 * default) holding the session as JSON ({@link ExpressSessionJson}), with a TTL that ends at {@code
 * cookie.expires} or at the later end a connect-redis touch gave the key. Keys hold raw session
 * ids, because Node looks records up by them. A create, a load, a delta, a touch and a delete are
 * one script each ({@link ExpressScript}).
 *
 * <p>The sessions of each principal are indexed as in the default layout ({@link PrincipalIndex},
 * {@link PrincipalCap}), with raw ids as members, under {@code sessionkit:<prefix>principal:}, a
 * prefix outside connect-redis's own so that its scans never meet an index. The principal is the
 * one SessionKit writes into {@code sessionkit.p}; Node never writes it, so a session Node logged
 * into joins the index when this side first writes it with its principal (a load that derives the
 * principal from an attribute does). Records that Node deleted or that ended leave the index
 * lazily, when it is read. Thread-safe.
 */
final class ExpressRedisStore implements SessionStore, PrincipalSessions, PrincipalIndex.Records {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RedisConnector connector;
  private final String prefix;
  private final Clock clock;
  private final Duration timeout;
  private final PrincipalIndex index;
  private final PrincipalCap cap;

  ExpressRedisStore(RedisConnector connector, String prefix, Clock clock, Duration timeout) {
    this.connector = connector;
    this.prefix = prefix;
    this.clock = clock;
    this.timeout = timeout;
    this.index = new PrincipalIndex(this, timeout);
    this.cap = new PrincipalCap(index, this);
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
    return calls.await(load(calls, key, clock.instant())).record();
  }

  @Override
  public CompletionStage<SessionHashLayout.Loaded> load(
      RedisCalls calls, SessionKey key, Instant now) {
    return calls
        .script(ExpressScript.LOAD, new String[] {redisKey(key)})
        .thenApply(
            reply -> {
              if (reply.isEmpty()) {
                return new SessionHashLayout.Loaded(Optional.empty(), false);
              }
              String json = String.valueOf(reply.get(0));
              String touched = reply.size() > 1 ? String.valueOf(reply.get(1)) : "";
              // A Node touch since the last write moved only the TTL: its end is the session's.
              Instant touchedEnd =
                  touched.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(touched));
              return new SessionHashLayout.Loaded(
                  ExpressSessionJson.decode(key, json, now, touchedEnd)
                      .filter(r -> !r.isExpiredAt(now)),
                  false);
            });
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
    Instant indexUntil = PrincipalIndex.horizon(now, record.expiresAt());
    if (record.principal() != null) {
      index.join(calls, record.principal(), record.key(), now, indexUntil);
    }
    calls.await(
        calls.script(
            ExpressScript.CREATE,
            new String[] {redisKey(record.key())},
            json,
            Long.toString(ttlMillis(now, record.expiresAt())),
            record.principal() == null ? "" : Long.toString(indexUntil.toEpochMilli())));
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
    Instant indexUntil = PrincipalIndex.horizon(now, expiresAt);
    boolean principalChanged = delta != null && delta.principalChanged();
    String principal = principalChanged ? delta.principal() : null;
    RedisCalls calls = calls(what);
    if (principal != null) {
      // joins before the record names it, so that a failure leaves a stale member, never a missing
      index.join(calls, principal, key, now, indexUntil);
    }
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Long.toString(ttlMillis(now, expiresAt)));
    args.add('"' + ExpressSessionJson.expires(expiresAt) + '"');
    args.add(idle == null ? "" : Long.toString(idle.toMillis()));
    args.add(Long.toString(lastAccess.toEpochMilli()));
    args.add(principalChanged ? "1" : "0");
    args.add(principal != null ? JSON.writeValueAsString(principal) : "");
    args.add(Long.toString(indexUntil.toEpochMilli()));
    args.add(Integer.toString(delta == null ? 0 : delta.set().size()));
    if (delta != null) {
      for (Map.Entry<String, String> e : delta.set().entrySet()) {
        args.add(e.getKey());
        args.add(e.getValue());
      }
      args.addAll(delta.removed());
    }
    List<Object> reply =
        calls.await(
            calls.script(
                ExpressScript.MERGE, new String[] {redisKey(key)}, args.toArray(String[]::new)));
    if (reply.isEmpty() || !Long.valueOf(1).equals(reply.get(0))) {
      return false;
    }
    String before = principalOf(reply.get(1));
    String after = principalOf(reply.get(3));
    if (before != null && !before.equals(after)) {
      index.leave(calls, before, key);
    }
    if (after != null && "1".equals(String.valueOf(reply.get(2)))) {
      index.extend(calls, after, key, now, indexUntil);
    }
    return true;
  }

  /** The principal a script answered as JSON text, or null for none or one not readable. */
  private static String principalOf(Object json) {
    String text = json == null ? "" : String.valueOf(json).strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readValue(text, String.class);
    } catch (RuntimeException e) {
      return null;
    }
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
    SessionHashLayout.Written written = calls.await(delete(calls, key, clock.instant(), null));
    if (written.principal() != null) {
      index.leave(calls, written.principal(), key);
    }
    return written.done();
  }

  @Override
  public CompletionStage<SessionHashLayout.Written> delete(
      RedisCalls calls, SessionKey key, Instant now, String onlyPrincipal) {
    return calls
        .script(
            ExpressScript.DELETE,
            new String[] {redisKey(key)},
            Long.toString(now.toEpochMilli()),
            onlyPrincipal == null ? "0" : "1",
            onlyPrincipal == null ? "" : JSON.writeValueAsString(onlyPrincipal))
        .thenApply(
            reply ->
                new SessionHashLayout.Written(
                    Long.valueOf(1).equals(reply.get(0)), principalOf(reply.get(1)), false));
  }

  /**
   * Outside connect-redis's prefix, so that its {@code SCAN <prefix>*} (its {@code all()}, {@code
   * ids()}, {@code clear()}) never meets an index.
   */
  @Override
  public String indexPrefix() {
    return "sessionkit:" + prefix;
  }

  @Override
  public List<SessionRecord> findByPrincipal(String principal) {
    return index.find(calls("findByPrincipal"), principal, clock.instant());
  }

  @Override
  public List<SessionKey> deleteByPrincipal(String principal) {
    return index.deleteAll(calls("deleteByPrincipal"), principal, clock.instant());
  }

  @Override
  public Admission admit(String principal, SessionKey newcomer, int limit, boolean endOldest) {
    return cap.admit(calls("admit"), principal, newcomer, limit, endOldest, clock.instant());
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
