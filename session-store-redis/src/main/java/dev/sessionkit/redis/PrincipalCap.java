package dev.sessionkit.redis;

import dev.sessionkit.spi.CapRule;
import dev.sessionkit.spi.PrincipalSessions.Admission;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The per-principal cap on Redis, decided by one script on the principal's index, so admissions of
 * one principal on any node are serialized by Redis itself and none waits for another: a login
 * reads the principal's live sessions (the index and the hashes, as {@link PrincipalIndex#find}
 * does), then one script on the index, atomically, counts those still admitted, marks the victims
 * of {@link CapRule} as ended (their score in the index turns negative) and answers them; the login
 * then deletes the victims' hashes, each only if it still names the principal, and removes their
 * members. Five round trips per admission, whatever the number of parallel logins.
 *
 * <p>Why exactly {@code limit} stay: every login writes its hash before it reads, so of any two
 * parallel logins at least one reads the other; the admission that read last sees every session
 * that is still admitted at the end, and its script left at most {@code limit} of them. A victim is
 * marked in the index before its hash is deleted, so a failure in between leaves a live session
 * that is still indexed (listed, ended by "log out everywhere") and is ended again by the next
 * admission that reads it. Thread-safe.
 */
final class PrincipalCap {

  /**
   * KEYS[1] principal index; ARGV: newcomer, limit, '1' to end the oldest or '0' to refuse, then
   * the other sessions read live, least recently used first. Answers {admitted, victim, ...}: a
   * member with a negative score was ended by an admission; one read live is ended again.
   */
  static final LuaScript ADMIT =
      LuaScript.of(
          """
          local own = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
          -- ended meanwhile by a parallel admission, which deletes it: nothing left to decide
          if not own or own < 0 then return {1} end
          local admitted = {}
          local out = {1}
          for i = 4, #ARGV do
            local s = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i]))
            if s then
              if s >= 0 then
                admitted[#admitted + 1] = ARGV[i]
              else
                out[#out + 1] = ARGV[i]
              end
            end
          end
          local over = #admitted + 1 - tonumber(ARGV[2])
          if over <= 0 then return out end
          if ARGV[3] == '0' then
            redis.call('ZADD', KEYS[1], 'XX', -1, ARGV[1])
            out[1] = 0
            out[#out + 1] = ARGV[1]
            return out
          end
          for i = 1, over do
            redis.call('ZADD', KEYS[1], 'XX', -1, admitted[i])
            out[#out + 1] = admitted[i]
          end
          return out
          """);

  private final PrincipalIndex index;
  private final PrincipalIndex.Records layout;

  PrincipalCap(PrincipalIndex index, PrincipalIndex.Records layout) {
    this.index = index;
    this.layout = layout;
  }

  Admission admit(
      RedisCalls calls,
      String principal,
      SessionKey newcomer,
      int limit,
      boolean endOldest,
      Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(newcomer, "newcomer");
    CapRule.checkLimit(limit);
    Map<String, SessionRecord> live = new LinkedHashMap<>();
    List<SessionRecord> others = new ArrayList<>();
    for (SessionRecord record : index.find(calls, principal, now)) {
      live.put(record.key().value(), record);
      if (!record.key().equals(newcomer)) {
        others.add(record);
      }
    }
    others.sort(CapRule.LEAST_RECENTLY_USED);
    String[] args = new String[3 + others.size()];
    args[0] = newcomer.value();
    args[1] = Integer.toString(limit);
    args[2] = endOldest ? "1" : "0";
    for (int i = 0; i < others.size(); i++) {
      args[3 + i] = others.get(i).key().value();
    }
    List<Object> reply =
        calls.await(calls.script(ADMIT, new String[] {index.indexKey(principal)}, args));
    boolean admitted = ((Number) reply.get(0)).longValue() == 1L;
    Map<String, CompletionStage<SessionHashLayout.Written>> deletes = new LinkedHashMap<>();
    for (Object victim : reply.subList(1, reply.size())) {
      String member = victim.toString();
      deletes.put(member, layout.delete(calls, new SessionKey(member), now, principal));
    }
    List<SessionRecord> ended = new ArrayList<>();
    deletes.forEach(
        (member, delete) -> {
          boolean done = calls.await(delete).done();
          SessionRecord record = live.get(member);
          // A refused newcomer is reported whether or not it was still there, as CapRule does.
          if (record != null && (done || member.equals(newcomer.value()))) {
            ended.add(record);
          }
        });
    index.leave(calls, principal, deletes.keySet());
    return new Admission(admitted, ended);
  }
}
