package dev.sessionkit.redis;

/**
 * The Lua scripts that read and write a connect-redis record ({@link ExpressRedisStore}): a create,
 * a load, and a delta or a touch merged into the JSON string atomically on the server.
 *
 * <p>The record's members are split as text and never decoded: {@code cjson} would turn an empty
 * array that Node wrote into an empty object and round numbers to 14 digits, so values pass through
 * byte for byte, and only the members a delta names are replaced. {@code cjson} only decodes a
 * member name that holds an escape and quotes a new one. Liveness is decided by the {@code now}
 * passed in (the engine's clock) against {@code cookie.expires} and the absolute deadline, so a
 * record that was deleted or has ended is never written again.
 *
 * <p>connect-redis's touch (express-session's default, {@code resave: false}) moves only the key's
 * TTL, not {@code cookie.expires}. So every write here sets the TTL to end at an instant of Redis's
 * own clock that it also records ({@code sessionkit.x}); a TTL that ends elsewhere, and more than
 * connect-redis's rounding to whole seconds after {@code cookie.expires}, was moved by Node's touch
 * since, and its end is the session's end.
 */
final class ExpressScript {

  private ExpressScript() {}

  /** The functions every script here shares: the JSON walk, Redis's clock, the TTL's end. */
  private static final String HELPERS =
      """
          local function ws(s, i)
            return string.find(s, '[^ \\t\\r\\n]', i) or (#s + 1)
          end
          local function str_end(s, i)
            local j = i + 1
            while true do
              local k = string.find(s, '["\\\\]', j)
              if not k then error('unterminated string') end
              if string.sub(s, k, k) == '"' then return k end
              j = k + 2
            end
          end
          local function val_end(s, i)
            local c = string.sub(s, i, i)
            if c == '"' then return str_end(s, i) end
            if c == '{' or c == '[' then
              local depth, j = 0, i
              while true do
                local k = string.find(s, '[%[%]{}"]', j)
                if not k then error('unterminated value') end
                local d = string.sub(s, k, k)
                if d == '"' then
                  k = str_end(s, k)
                elseif d == '{' or d == '[' then
                  depth = depth + 1
                else
                  depth = depth - 1
                  if depth == 0 then return k end
                end
                j = k + 1
              end
            end
            local k = string.find(s, '[,}%]%s]', i)
            if not k or k == i then error('bad value') end
            return k - 1
          end
          -- an object's members as {name, quoted name, value text}, in order
          local function members(s)
            local list = {}
            local i = ws(s, 1)
            if string.sub(s, i, i) ~= '{' then error('not an object') end
            i = ws(s, i + 1)
            if string.sub(s, i, i) == '}' then return list end
            while true do
              if string.sub(s, i, i) ~= '"' then error('bad name') end
              local e = str_end(s, i)
              local quoted = string.sub(s, i, e)
              local name = string.sub(quoted, 2, -2)
              if string.find(quoted, '\\\\', 1, true) then name = cjson.decode(quoted) end
              i = ws(s, e + 1)
              if string.sub(s, i, i) ~= ':' then error('no colon') end
              local colon = i
              local ve = val_end(s, ws(s, i + 1))
              i = ws(s, ve + 1)
              -- the value as written, spaces around it included
              list[#list + 1] = {name, quoted, string.sub(s, colon + 1, i - 1)}
              local c = string.sub(s, i, i)
              if c == '}' then return list end
              if c ~= ',' then error('bad separator') end
              i = ws(s, i + 1)
            end
          end
          local function join(list)
            local parts = {}
            for _, m in ipairs(list) do parts[#parts + 1] = m[2] .. ':' .. m[3] end
            return '{' .. table.concat(parts, ',') .. '}'
          end
          local function find(list, name)
            for _, m in ipairs(list) do if m[1] == name then return m[3] end end
            return nil
          end
          local function put(list, name, value)
            for _, m in ipairs(list) do
              if m[1] == name then m[3] = value; return end
            end
            list[#list + 1] = {name, cjson.encode(name), value}
          end
          local function drop(list, name)
            for i, m in ipairs(list) do
              if m[1] == name then table.remove(list, i); return end
            end
          end
          -- JavaScript's toISOString() text, quoted, to epoch milliseconds
          local function epoch_ms(iso)
            local y, mo, d, h, mi, sec, frac =
              string.match(iso, '^"(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)%.?(%d*)Z"$')
            if not y then return nil end
            y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
            if mo <= 2 then y = y - 1 end
            local era = math.floor(y / 400)
            local yoe = y - era * 400
            local doy = math.floor((153 * ((mo + 9) % 12) + 2) / 5) + d - 1
            local days = era * 146097 + yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100)
              + doy - 719468
            local ms = tonumber(string.sub(frac .. '000', 1, 3))
            return ((days * 24 + tonumber(h)) * 60 + tonumber(mi)) * 60000
              + tonumber(sec) * 1000 + ms
          end

          local function fmt(n) return string.format('%d', n) end
          -- Redis's clock, epoch ms
          local function redis_now()
            local t = redis.call('TIME')
            return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          end
          -- when the key's TTL ends on Redis's clock, epoch ms; nil when it has none
          local function ttl_end(key)
            local ok, e = pcall(redis.call, 'PEXPIRETIME', key)
            if ok and type(e) == 'number' then
              if e < 0 then return nil end
              return e
            end
            local p = redis.call('PTTL', key)
            if p < 0 then return nil end
            return redis_now() + p
          end
          -- the record's members, its cookie's and its sessionkit member's; nil if not an object
          local function parse(raw)
            local ok, list = pcall(members, raw)
            if not ok then return nil end
            local cookie, meta = {}, {}
            local c = find(list, 'cookie')
            if c then
              ok, cookie = pcall(members, c)
              if not ok then return nil end
            end
            local m = find(list, 'sessionkit')
            if m then
              ok, meta = pcall(members, m)
              if not ok then meta = {} end
            end
            return list, cookie, meta
          end
          -- the end Node's touch gave the key, or nil when SessionKit set the TTL last (it ends at
          -- sessionkit.x) or Node's save did (it ends at cookie.expires, rounded up to a second)
          local function touched_end(key, meta, expires_ms)
            local e = ttl_end(key)
            if not e then return nil end
            local x = tonumber(find(meta, 'x') or '')
            if x and math.abs(e - x) <= 5 then return nil end
            if expires_ms and e <= expires_ms + 1005 then return nil end
            return e
          end
          -- when the record ends, epoch ms: cookie.expires, or the end a Node touch gave the key,
          -- capped by the absolute deadline; nil when nothing limits it
          local function ends_of(key, cookie, meta)
            local ends = nil
            local expires = find(cookie, 'expires')
            if expires then ends = epoch_ms(expires) end
            local touched = touched_end(key, meta, ends)
            if touched then ends = touched end
            local deadline = tonumber(find(meta, 'd') or '')
            if deadline and (not ends or deadline < ends) then ends = deadline end
            return ends
          end
          -- whether two JSON texts hold one value, however each was escaped
          local function same_json(a, b)
            if a == b then return true end
            local ok1, x = pcall(cjson.decode, a)
            local ok2, y = pcall(cjson.decode, b)
            return ok1 and ok2 and x == y
          end
          -- writes the record with a TTL of ttl ms, recording where on Redis's clock it ends
          local function store(key, list, meta, ttl)
            local x = redis_now() + ttl
            put(meta, 'x', fmt(x))
            put(list, 'sessionkit', join(meta))
            redis.call('SET', key, join(list))
            redis.call('PEXPIREAT', key, x)
          end
          """;

  /**
   * KEYS[1] the record. ARGV: 1 the record's JSON (as {@code ExpressSessionJson.encode} writes it),
   * 2 the key's TTL ms, 3 until when the principal's index lives (epoch ms; "" without a
   * principal). Writes it, recording the TTL's end and the index's ({@code sessionkit.i}). Answers
   * {1}.
   */
  static final LuaScript CREATE =
      LuaScript.of(
          HELPERS
              + """
          local list = members(ARGV[1])
          local meta = members(find(list, 'sessionkit') or '{}')
          if ARGV[3] ~= '' then put(meta, 'i', ARGV[3]) end
          store(KEYS[1], list, meta, tonumber(ARGV[2]))
          return {1}
          """);

  /**
   * KEYS[1] the record. Answers {} when there is none, else {the JSON, the end a Node touch gave it
   * (epoch ms on Redis's clock) or ""}.
   */
  static final LuaScript LOAD =
      LuaScript.of(
          HELPERS
              + """
          local raw = redis.call('GET', KEYS[1])
          if not raw then return {} end
          local list, cookie, meta = parse(raw)
          if not list then return {raw, ''} end
          local expires = find(cookie, 'expires')
          local touched = touched_end(KEYS[1], meta, expires and epoch_ms(expires) or nil)
          return {raw, touched and fmt(touched) or ''}
          """);

  /**
   * KEYS[1] the record. ARGV: 1 now ms, 2 the key's new TTL ms, 3 new {@code cookie.expires} (a
   * JSON string), 4 idle ms ({@code cookie.originalMaxAge}; "" to keep it), 5 last access ms, 6 "1"
   * when the principal changes, 7 the principal as a JSON string ("" for none), 8 until when the
   * principal's index lives if it is extended (epoch ms), 9 how many attributes are set, then
   * name/value pairs, then the names removed. Answers {0} when the record is gone, has ended or is
   * not a JSON object; else {1, the principal before as JSON ("" for none), "1" when the index must
   * now live until ARGV[8] else "0", the principal after as JSON}. The index's horizon is kept in
   * {@code sessionkit.i}: a write that moves the record's end past it extends it.
   */
  static final LuaScript MERGE =
      LuaScript.of(
          HELPERS
              + """
          local raw = redis.call('GET', KEYS[1])
          if not raw then return {0} end
          local list, cookie, meta = parse(raw)
          if not list then return {0} end
          local now = tonumber(ARGV[1])
          local ends = ends_of(KEYS[1], cookie, meta)
          if ends and ends <= now then return {0} end
          local before = find(meta, 'p') or ''

          if ARGV[4] ~= '' then put(cookie, 'originalMaxAge', ARGV[4]) end
          put(cookie, 'expires', ARGV[3])
          put(meta, 'a', ARGV[5])
          if ARGV[6] == '1' then
            if ARGV[7] == '' then drop(meta, 'p') else put(meta, 'p', ARGV[7]) end
          end
          local ttl = tonumber(ARGV[2])
          local after = find(meta, 'p')
          local extend = '0'
          if not after then
            drop(meta, 'i')
          elseif ARGV[6] == '1' then
            -- the store added the session to the new principal's index, living until ARGV[8]
            put(meta, 'i', ARGV[8])
          else
            local horizon = tonumber(find(meta, 'i') or '')
            if not horizon or horizon < now + ttl then
              put(meta, 'i', ARGV[8])
              extend = '1'
            end
          end
          local i = 10
          for _ = 1, tonumber(ARGV[9]) do
            put(list, ARGV[i], ARGV[i + 1])
            i = i + 2
          end
          while i <= #ARGV do
            drop(list, ARGV[i])
            i = i + 1
          end
          put(list, 'cookie', join(cookie))
          if ttl <= 0 then
            redis.call('DEL', KEYS[1])
          else
            store(KEYS[1], list, meta, ttl)
          end
          return {1, before, extend, after or ''}
          """);

  /**
   * KEYS[1] the record. ARGV: 1 now ms, 2 "1" to delete only a record of principal ARGV[3] (as
   * JSON). Answers {1 when a live record was deleted else 0, the principal it had as JSON or ""}. A
   * record that is not a JSON object is deleted unless a principal is asked for.
   */
  static final LuaScript DELETE =
      LuaScript.of(
          HELPERS
              + """
          local raw = redis.call('GET', KEYS[1])
          if not raw then return {0, ''} end
          local list, cookie, meta = parse(raw)
          if not list then
            if ARGV[2] == '1' then return {0, ''} end
            redis.call('DEL', KEYS[1])
            return {1, ''}
          end
          local p = string.match(find(meta, 'p') or '', '^%s*(.-)%s*$')
          if ARGV[2] == '1' and not same_json(p, ARGV[3]) then return {0, p} end
          local ends = ends_of(KEYS[1], cookie, meta)
          redis.call('DEL', KEYS[1])
          if ends and ends <= tonumber(ARGV[1]) then return {0, p} end
          return {1, p}
          """);
}
