package dev.sessionkit.redis;

/**
 * The Lua scripts of the SessionKit layout. Each works on the one key it is given, so it runs in a
 * Cluster too, and decides liveness by the {@code now} it is passed (the store's clock), so that a
 * delta or touch for a session deleted or expired meanwhile does nothing: there is no window
 * between the check and the write in which another client could delete the record.
 *
 * <p>A key that holds no hash, or a hash without a readable {@code expires} field, is corrupt: it
 * is deleted on sight and treated as missing.
 */
final class SessionKitScripts {

  private SessionKitScripts() {}

  /**
   * The opening of the scripts that write to a live record: KEYS[1] must be a hash whose {@code
   * expires} is after ARGV[1] (now, ms); otherwise the key is deleted and the script answers {0, 0,
   * '', 0}, having written nothing.
   */
  private static final String LIVE_RECORD =
      """
          if redis.call('TYPE', KEYS[1])['ok'] ~= 'hash' then
            redis.call('DEL', KEYS[1])
            return {0, 0, '', 0}
          end
          local exp = tonumber(redis.call('HGET', KEYS[1], 'expires'))
          if not exp or exp <= tonumber(ARGV[1]) then
            redis.call('DEL', KEYS[1])
            return {0, 0, '', 0}
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
            local j = math.min(i + 199, #ARGV)
            redis.call('HSET', KEYS[1], unpack(ARGV, i, j))
            i = j + 1
          end
          redis.call('PEXPIRE', KEYS[1], ttl)
          return {1}
          """);

  /**
   * KEYS[1] session; ARGV: now ms, accessed, idle, expires ms, ttl ms, index horizon ms, principal
   * mode (keep, set or clear), principal, number of attributes set, then set name/value pairs, then
   * removed names. Returns {applied, had principal, principal, extend index}.
   */
  static final LuaScript APPLY =
      LuaScript.of(
          LIVE_RECORD
              + """
          local old = redis.call('HGET', KEYS[1], 'principal')
          local n = tonumber(ARGV[9])
          local i = 10
          while i < 10 + 2 * n do
            local j = math.min(i + 199, 9 + 2 * n)
            redis.call('HSET', KEYS[1], unpack(ARGV, i, j))
            i = j + 1
          end
          while i <= #ARGV do
            local j = math.min(i + 199, #ARGV)
            redis.call('HDEL', KEYS[1], unpack(ARGV, i, j))
            i = j + 1
          end
          redis.call('HSET', KEYS[1], 'accessed', ARGV[2], 'idle', ARGV[3], 'expires', ARGV[4])
          local extend = 0
          if ARGV[7] == 'set' then
            redis.call('HSET', KEYS[1], 'principal', ARGV[8], 'ixu', ARGV[6])
          elseif ARGV[7] == 'clear' then
            redis.call('HDEL', KEYS[1], 'principal', 'ixu')
          elseif old then
            -- the index set must outlive its members; extend it only when this one passes it
            local ixu = tonumber(redis.call('HGET', KEYS[1], 'ixu')) or 0
            if tonumber(ARGV[4]) > ixu then
              redis.call('HSET', KEYS[1], 'ixu', ARGV[6])
              extend = 1
            end
          end
          local ttl = tonumber(ARGV[5])
          if ttl <= 0 then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ttl) end
          if old then return {1, 1, old, extend} end
          return {1, 0, '', 0}
          """);

  /**
   * KEYS[1] session; ARGV: now ms, accessed, expires ms, ttl ms, index horizon ms. Returns
   * {touched, had principal, principal, extend index}.
   */
  static final LuaScript TOUCH =
      LuaScript.of(
          LIVE_RECORD
              + """
          redis.call('HSET', KEYS[1], 'accessed', ARGV[2], 'expires', ARGV[3])
          local ttl = tonumber(ARGV[4])
          if ttl <= 0 then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ttl) end
          local p = redis.call('HGET', KEYS[1], 'principal')
          if not p then return {1, 0, '', 0} end
          local ixu = tonumber(redis.call('HGET', KEYS[1], 'ixu')) or 0
          if tonumber(ARGV[3]) > ixu and ttl > 0 then
            redis.call('HSET', KEYS[1], 'ixu', ARGV[5])
            return {1, 1, p, 1}
          end
          return {1, 1, p, 0}
          """);

  /**
   * KEYS[1] session; ARGV: now ms, '1' to delete only a record of principal ARGV[3]. Returns
   * {deleted live record, had principal, principal, 0}.
   */
  static final LuaScript DELETE =
      LuaScript.of(
          """
          if redis.call('TYPE', KEYS[1])['ok'] ~= 'hash' then
            redis.call('DEL', KEYS[1])
            return {0, 0, '', 0}
          end
          local p = redis.call('HGET', KEYS[1], 'principal')
          if ARGV[2] == '1' and p ~= ARGV[3] then return {0, 0, '', 0} end
          local exp = tonumber(redis.call('HGET', KEYS[1], 'expires'))
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
}
