package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionInventory;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Redis store's inventory, for admin tools: every call walks the store's keys with {@code SCAN}
 * (never {@code KEYS}; on a Cluster, every master), so it costs a pass over the keyspace. Pages are
 * ordered by session key, and the cursor is the last key of a page, so a session live throughout
 * appears exactly once. Liveness is judged by the engine's clock, as on load.
 */
final class RedisInventory {

  private static final int BATCH = 500;

  private final SessionHashLayout layout;
  private final String pattern;

  RedisInventory(SessionHashLayout layout) {
    this.layout = layout;
    this.pattern = layout.prefix() + "*";
  }

  /** The keys of every session hash under the prefix, in key order. */
  private List<SessionKey> sessionKeys(RedisCalls calls) {
    List<SessionKey> keys = new ArrayList<>();
    for (String redisKey : allKeys(calls)) {
      layout.sessionKeyOf(redisKey).ifPresent(keys::add);
    }
    keys.sort(Comparator.comparing(SessionKey::value));
    return keys;
  }

  private List<String> allKeys(RedisCalls calls) {
    ScanArgs args = ScanArgs.Builder.matches(pattern).limit(BATCH);
    List<String> keys = new ArrayList<>();
    KeyScanCursor<String> cursor = calls.await(calls.commands().scan(args));
    while (true) {
      keys.addAll(cursor.getKeys());
      if (cursor.isFinished()) {
        return keys;
      }
      cursor = calls.await(calls.commands().scan(cursor, args));
    }
  }

  /** Loads sessions together, in one pipelined round trip per batch; the live ones, in order. */
  private List<SessionRecord> live(RedisCalls calls, List<SessionKey> keys, Instant now) {
    Map<SessionKey, CompletionStage<SessionHashLayout.Loaded>> loads = new LinkedHashMap<>();
    for (SessionKey key : keys) {
      loads.put(key, layout.load(calls, key, now));
    }
    List<SessionRecord> live = new ArrayList<>();
    loads.values().forEach(load -> calls.await(load).record().ifPresent(live::add));
    return live;
  }

  long count(RedisCalls calls, Instant now) {
    List<SessionKey> keys = sessionKeys(calls);
    long live = 0;
    for (int from = 0; from < keys.size(); from += BATCH) {
      live += live(calls, keys.subList(from, Math.min(keys.size(), from + BATCH)), now).size();
    }
    return live;
  }

  SessionInventory.Page page(RedisCalls calls, Optional<String> cursor, int limit, Instant now) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    String after = cursor.orElse("");
    if (!after.isEmpty() && !after.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a cursor of this store");
    }
    List<SessionKey> keys =
        sessionKeys(calls).stream().filter(k -> k.value().compareTo(after) > 0).toList();
    List<SessionRecord> records = new ArrayList<>();
    int from = 0;
    while (from < keys.size() && records.size() < limit) {
      List<SessionKey> batch = keys.subList(from, Math.min(keys.size(), from + limit));
      for (SessionRecord r : live(calls, batch, now)) {
        if (records.size() < limit) {
          records.add(r);
        }
      }
      from += batch.size();
    }
    if (records.size() < limit || records.isEmpty()) {
      return new SessionInventory.Page(records, Optional.empty());
    }
    String last = records.get(records.size() - 1).key().value();
    boolean more = keys.stream().anyMatch(k -> k.value().compareTo(last) > 0);
    return new SessionInventory.Page(records, more ? Optional.of(last) : Optional.empty());
  }

  long clear(RedisCalls calls) {
    List<String> keys = allKeys(calls);
    long sessions = keys.stream().filter(k -> layout.sessionKeyOf(k).isPresent()).count();
    // One key per UNLINK, so that it runs on a Cluster too; sent together, answered together.
    List<CompletionStage<Long>> unlinks = new ArrayList<>();
    for (String key : keys) {
      unlinks.add(calls.commands().unlink(key));
    }
    unlinks.forEach(calls::await);
    return sessions;
  }
}
