package dev.sessionkit.redis;

import java.util.List;

/**
 * The Lua scripts that change a session hash ({@link SessionHashLayout}) or a principal index
 * ({@link PrincipalIndex}) in one step. Each works on the one key it is given, so it runs in a
 * Cluster too, and decides liveness by the {@code now} it is passed (the engine's clock), so that a
 * delta or touch for a session deleted or expired meanwhile does nothing: there is no window
 * between the check and the write in which another client could delete the record.
 *
 * <p>Every command a script runs is work the server does for the request (see {@code
 * docs/redis-store.md}), so the scripts that serve requests run as few as they can: one {@code
 * HMGET} reads everything a decision needs, one {@code HSET} writes everything that changes, and
 * {@code HDEL} and {@code PEXPIRE} run only when something is removed or the key's TTL must move.
 *
 * <p>A key that holds no hash, or a hash without a readable {@code expires} field, is corrupt: it
 * is deleted on sight and treated as missing.
 */
final class SessionScripts {

  private SessionScripts() {}

  /**
   * The opening of the scripts that write to a live record. One HMGET reads the fields the scripts
   * decide by: {@code v[1]} expires, {@code v[2]} ttlu (until when the key's TTL runs), {@code
   * v[3]} principal, {@code v[4]} ixu (until when the principal index lives). A record that is
   * there but not live at ARGV[1] (now, ms), or not a hash, is deleted; the script then answers 0,
   * having written nothing. A missing key costs no more than the HMGET.
   */
  private static final String LIVE_RECORD =
      """
          local v = redis.pcall('HMGET', KEYS[1], 'expires', 'ttlu', 'principal', 'ixu')
          if v['err'] then
            redis.call('DEL', KEYS[1])
            return 0
          end
          local exp = tonumber(v[1])
          if not exp or exp <= tonumber(ARGV[1]) then
            if v[1] or v[2] or v[3] or v[4] then redis.call('DEL', KEYS[1]) end
            return 0
          end
          """;

  /** KEYS[1] session; ARGV[1] ttl ms, then field/value pairs. Replaces the whole record. */
  static final LuaScript CREATE =
      LuaScript.of(
          """
          redis.call('DEL', KEYS[1])
          local ttl = tonumber(ARGV[1])
          if ttl <= 0 then return {0} end
          -- unpack in chunks: Lua's C stack limits how many values one call can take
          local i = 2
          while i <= #ARGV do
            local j = math.min(i + 999, #ARGV)
            redis.call('HSET', KEYS[1], unpack(ARGV, i, j))
            i = j + 1
          end
          redis.call('PEXPIRE', KEYS[1], ttl)
          return {1}
          """);

  /**
   * KEYS[1] session; ARGV: now ms, key horizon ms, key ttl ms, index horizon ms, principal mode
   * (keep, set or clear), principal, number N of values to set, then N values (the name/value pairs
   * of accessed, idle, expires and the attributes set; expires is ARGV[13]), then the names
   * removed. Answers 0 when the record is not live; 1 when applied and the principal is kept and
   * its index needs nothing; else {1, had principal, principal, extend index}.
   */
  static final LuaScript APPLY =
      LuaScript.of(
          LIVE_RECORD
              + """
          local old = v[3]
          local e = tonumber(ARGV[13])
          local last = 7 + tonumber(ARGV[7])
          -- the TTL moves only when the deadline passes the horizon it was last set to
          local ttl = e > (tonumber(v[2]) or 0)
          -- the index set must outlive its members; extend it only when this one passes it
          local extend = (ARGV[5] == 'keep' and old and e > (tonumber(v[4]) or 0)) and 1 or 0
          if ARGV[3] ~= '0' and not ttl and extend == 0 and ARGV[5] == 'keep'
              and last == #ARGV and last <= 1007 then
            -- the usual delta: one write
            redis.call('HSET', KEYS[1], unpack(ARGV, 8, last))
            return 1
          end
          local function applied()
            if ARGV[5] == 'keep' and extend == 0 then return 1 end
            if old then return {1, 1, old, extend} end
            return {1, 0, '', extend}
          end
          if ARGV[3] == '0' then
            -- the delta ends the session now
            redis.call('DEL', KEYS[1])
            extend = 0
            return applied()
          end
          -- HSET or HDEL of the extra values in head, then of ARGV[from..to], in commands of at
          -- most 1000 values: Lua's C stack limits how many one call can take
          local function each(command, head, from, to)
            if #head == 0 then
              for i = from, to, 1000 do
                redis.call(command, KEYS[1], unpack(ARGV, i, math.min(i + 999, to)))
              end
              return
            end
            for i = from, to do head[#head + 1] = ARGV[i] end
            for i = 1, #head, 1000 do
              redis.call(command, KEYS[1], unpack(head, i, math.min(i + 999, #head)))
            end
          end
          local set = {}
          local gone = {}
          if ttl then
            set[1] = 'ttlu'
            set[2] = ARGV[2]
          end
          if ARGV[5] == 'set' then
            set[#set + 1] = 'principal'
            set[#set + 1] = ARGV[6]
            set[#set + 1] = 'ixu'
            set[#set + 1] = ARGV[4]
          elseif ARGV[5] == 'clear' then
            gone[1] = 'principal'
            gone[2] = 'ixu'
          elseif extend == 1 then
            set[#set + 1] = 'ixu'
            set[#set + 1] = ARGV[4]
          end
          each('HSET', set, 8, last)
          each('HDEL', gone, last + 1, #ARGV)
          if ttl then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
          return applied()
          """);

  /**
   * KEYS[1] session; ARGV: now ms, accessed, expires ms, key horizon ms, key ttl ms, index horizon
   * ms. Answers 0 when the record is not live; 1 when touched and the principal index needs
   * nothing; {1, 1, principal, 1} when touched and the principal's index must now live until the
   * index horizon.
   */
  static final LuaScript TOUCH =
      LuaScript.of(
          LIVE_RECORD
              + """
          if ARGV[5] == '0' then
            -- the touch ends the session now (its absolute deadline has come)
            redis.call('DEL', KEYS[1])
            return 1
          end
          local e = tonumber(ARGV[3])
          local ttl = e > (tonumber(v[2]) or 0)
          local extend = v[3] and e > (tonumber(v[4]) or 0)
          if not ttl and not extend then
            -- the usual touch: one write
            redis.call('HSET', KEYS[1], 'accessed', ARGV[2], 'expires', ARGV[3])
            return 1
          end
          local set = {'accessed', ARGV[2], 'expires', ARGV[3]}
          if ttl then
            set[5] = 'ttlu'
            set[6] = ARGV[4]
          end
          if extend then
            set[#set + 1] = 'ixu'
            set[#set + 1] = ARGV[6]
          end
          redis.call('HSET', KEYS[1], unpack(set))
          if ttl then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
          if extend then return {1, 1, v[3], 1} end
          return 1
          """);

  /**
   * KEYS[1] session; ARGV: now ms, '1' to delete only a record of principal ARGV[3]. Returns
   * {deleted live record, had principal, principal, 0}.
   */
  static final LuaScript DELETE =
      LuaScript.of(
          """
          local v = redis.pcall('HMGET', KEYS[1], 'principal', 'expires')
          if v['err'] then
            redis.call('DEL', KEYS[1])
            return {0, 0, '', 0}
          end
          local p = v[1]
          if ARGV[2] == '1' and p ~= ARGV[3] then return {0, 0, '', 0} end
          local exp = tonumber(v[2])
          local n = redis.call('DEL', KEYS[1])
          if n == 0 or not exp or exp <= tonumber(ARGV[1]) then n = 0 end
          if p then return {n, 1, p, 0} end
          return {n, 0, '', 0}
          """);

  /**
   * KEYS[1] principal index; ARGV: member, now ms, ttl ms. Adds the member, scored by when, and
   * makes the set live at least that long; it never shortens the set's life, which other members
   * may need.
   */
  static final LuaScript INDEX_ADD =
      LuaScript.of(
          """
          redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
          local want = tonumber(ARGV[3])
          local ttl = redis.call('PTTL', KEYS[1])
          if ttl < want then redis.call('PEXPIRE', KEYS[1], want) end
          return {1}
          """);

  /**
   * A fingerprint of a whole hash (HGETALL's flat reply), independent of field order: what a
   * renewal compares to learn whether the record changed between its read and its move.
   */
  private static final String FINGERPRINT =
      """
          local function fingerprint(h)
            local parts = {}
            for i = 1, #h, 2 do
              parts[#parts + 1] = #h[i] .. ':' .. h[i] .. #h[i + 1] .. ':' .. h[i + 1]
            end
            table.sort(parts)
            return redis.sha1hex(table.concat(parts))
          end
          """;

  /**
   * KEYS[1] session. Answers {} for no hash, else {fingerprint, field, value, ...}: the read a
   * renewal starts from.
   */
  static final LuaScript RENEW_READ =
      LuaScript.of(
          FINGERPRINT
              + """
          local h = redis.pcall('HGETALL', KEYS[1])
          if h['err'] or #h == 0 then return {} end
          local out = {fingerprint(h)}
          for i = 1, #h do out[#out + 1] = h[i] end
          return out
          """);

  /**
   * KEYS[1] old session, KEYS[2] its forward (one hash tag, one slot); ARGV: now ms, fingerprint
   * the renewal read, forward value (new key and grace end), forward ttl ms (0: no grace). Ends the
   * old record and leaves the forward, only if the record is live and unchanged since the read.
   * Answers {1} when done, {0} when the record is gone or has ended, {2} when it changed.
   */
  static final LuaScript RENEW_SEAL =
      LuaScript.of(
          FINGERPRINT
              + """
          local h = redis.pcall('HGETALL', KEYS[1])
          if h['err'] or #h == 0 then return {0} end
          local exp = nil
          for i = 1, #h, 2 do
            if h[i] == 'expires' then exp = tonumber(h[i + 1]) end
          end
          if not exp or exp <= tonumber(ARGV[1]) then return {0} end
          if fingerprint(h) ~= ARGV[2] then return {2} end
          redis.call('DEL', KEYS[1])
          if tonumber(ARGV[4]) > 0 then
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
          end
          return {1}
          """);

  /** Every script, so that tests can tell the commands they run from those the store sends. */
  static List<LuaScript> all() {
    return List.of(CREATE, APPLY, TOUCH, DELETE, INDEX_ADD, RENEW_READ, RENEW_SEAL);
  }
}
