package dev.sessionkit.redis;

/**
 * The one Lua script that changes a connect-redis record ({@link ExpressRedisStore}) in place: a
 * delta or a touch, merged into the JSON string atomically on the server.
 *
 * <p>The record's members are split as text and never decoded: {@code cjson} would turn an empty
 * array that Node wrote into an empty object and round numbers to 14 digits, so values pass through
 * byte for byte, and only the members a delta names are replaced. {@code cjson} only decodes a
 * member name that holds an escape and quotes a new one. Liveness is decided by the {@code now}
 * passed in (the engine's clock) against {@code cookie.expires} and the absolute deadline, so a
 * record that was deleted or has ended is never written again.
 */
final class ExpressScript {

  private ExpressScript() {}

  /**
   * KEYS[1] the record. ARGV: 1 now ms, 2 the key's new TTL ms, 3 new {@code cookie.expires} (a
   * JSON string), 4 idle ms ({@code cookie.originalMaxAge}; "" to keep it), 5 last access ms, 6 "1"
   * when the principal changes, 7 the principal as a JSON string ("" for none), 8 how many
   * attributes are set, then name/value pairs, then the names removed. Answers {1} when written,
   * {0} when the record is gone, has ended or is not a JSON object.
   */
  static final LuaScript MERGE =
      LuaScript.of(
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

          local raw = redis.call('GET', KEYS[1])
          if not raw then return {0} end
          local ok, list = pcall(members, raw)
          if not ok then return {0} end
          local cookie, meta = {}, {}
          local c = find(list, 'cookie')
          if c then
            ok, cookie = pcall(members, c)
            if not ok then return {0} end
          end
          local m = find(list, 'sessionkit')
          if m then
            ok, meta = pcall(members, m)
            if not ok then meta = {} end
          end
          local now = tonumber(ARGV[1])
          local ends = nil
          local expires = find(cookie, 'expires')
          if expires then ends = epoch_ms(expires) end
          local deadline = tonumber(find(meta, 'd') or '')
          if deadline and (not ends or deadline < ends) then ends = deadline end
          if ends and ends <= now then return {0} end

          if ARGV[4] ~= '' then put(cookie, 'originalMaxAge', ARGV[4]) end
          put(cookie, 'expires', ARGV[3])
          put(meta, 'a', ARGV[5])
          if ARGV[6] == '1' then
            if ARGV[7] == '' then drop(meta, 'p') else put(meta, 'p', ARGV[7]) end
          end
          local i = 9
          for _ = 1, tonumber(ARGV[8]) do
            put(list, ARGV[i], ARGV[i + 1])
            i = i + 2
          end
          while i <= #ARGV do
            drop(list, ARGV[i])
            i = i + 1
          end
          put(list, 'cookie', join(cookie))
          put(list, 'sessionkit', join(meta))
          local ttl = tonumber(ARGV[2])
          if tonumber(ARGV[2]) <= 0 then
            redis.call('DEL', KEYS[1])
          else
            redis.call('SET', KEYS[1], join(list), 'PX', ttl)
          end
          return {1}
          """);
}
