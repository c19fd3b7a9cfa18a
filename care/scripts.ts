/**
 * Lua scripts that change care items atomically in Redis. Every state change
 * is one script run, so two agents claiming at once cannot both win, and the
 * open index, the author index and the per-agent load never drift from the item.
 */

/** Item holder for load counting: the claimer, else the suggested assignee, while open. */
const HOLDER = `
local function isopen(s) return s == 'new' or s == 'claimed' end
local function holder(it)
  if not isopen(it.state) then return '' end
  if it.claimedBy ~= nil and it.claimedBy ~= '' then return it.claimedBy end
  return it.assignee or ''
end`;

/**
 * Each change pushes its `events` row to the outbox list in the same script, so
 * a crash between the change and the ClickHouse write loses no event.
 */
const PUSH_EVENT = `
local function pushevent(outbox, at, typ, id, it, actor, from, data)
  data.intent = it.intent
  data.source = it.source
  redis.call('RPUSH', outbox, cjson.encode({at = at, kind = 'care', type = typ, entityId = id, brand = it.brand,
    actor = actor, fromState = from, toState = it.state, data = data}))
end`;

/**
 * KEYS: seen, author, open, load, outbox. ARGV: itemPrefix, newId, newItemJson, mentionJson,
 * seenTtlMs, now, hasAuthor, intent, intentWeight, severity, dueAt, eventDataJson.
 * Returns {outcome, itemId}: duplicate | joined | created.
 */
export const INGEST = `${HOLDER}${PUSH_EVENT}
local seen = redis.call('GET', KEYS[1])
if seen then return {'duplicate', seen} end
if ARGV[7] == '1' then
  local id = redis.call('GET', KEYS[2])
  if id then
    local raw = redis.call('GET', ARGV[1] .. id)
    if raw then
      local it = cjson.decode(raw)
      if isopen(it.state) then
        local m = cjson.decode(ARGV[4])
        table.insert(it.mentions, m)
        -- keep the first (the case's origin) and the latest 49
        if #it.mentions > 50 then table.remove(it.mentions, 2) end
        if m.reach > it.reach then it.reach = m.reach end
        if tonumber(ARGV[9]) > (it.intentWeight or 0) then it.intent = ARGV[8]; it.intentWeight = tonumber(ARGV[9]) end
        if tonumber(ARGV[10]) > it.severity then it.severity = tonumber(ARGV[10]) end
        it.updatedAt = tonumber(ARGV[6])
        redis.call('SET', ARGV[1] .. id, cjson.encode(it))
        redis.call('SET', KEYS[1], id, 'PX', ARGV[5])
        pushevent(KEYS[5], tonumber(ARGV[6]), 'joined', id, it, 'system', it.state, cjson.decode(ARGV[12]))
        return {'joined', id}
      end
    end
  end
end
local it = cjson.decode(ARGV[3])
redis.call('SET', ARGV[1] .. ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[11], ARGV[2])
if ARGV[7] == '1' then redis.call('SET', KEYS[2], ARGV[2]) end
local h = holder(it)
if h ~= '' then redis.call('HINCRBY', KEYS[4], h, 1) end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[5])
pushevent(KEYS[5], tonumber(ARGV[6]), 'created', ARGV[2], it, 'system', '', cjson.decode(ARGV[12]))
return {'created', ARGV[2]}`;

/**
 * KEYS: item, open, closed, load, outbox. ARGV: allowedFrom (",new,claimed,"), owner
 * ('' = anyone; else must equal claimedBy), patchJson, now, authorPrefix, itemId,
 * eventType, actor, eventDataJson.
 * Returns {ok, fromState, itemJson} | {not_found} | {conflict, state} | {not_owner, claimedBy}.
 */
export const TRANSITION = `${HOLDER}${PUSH_EVENT}
local raw = redis.call('GET', KEYS[1])
if not raw then return {'not_found'} end
local it = cjson.decode(raw)
if not string.find(ARGV[1], ',' .. it.state .. ',', 1, true) then return {'conflict', it.state} end
if ARGV[2] ~= '' and it.state == 'claimed' and it.claimedBy ~= ARGV[2] then return {'not_owner', it.claimedBy} end
local before = holder(it)
local from = it.state
for k, v in pairs(cjson.decode(ARGV[3])) do it[k] = v end
local after = holder(it)
if before ~= after then
  if before ~= '' then redis.call('HINCRBY', KEYS[4], before, -1) end
  if after ~= '' then redis.call('HINCRBY', KEYS[4], after, 1) end
end
if isopen(from) and not isopen(it.state) then
  redis.call('ZREM', KEYS[2], ARGV[6])
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[6])
  if it.authorKey ~= '' and redis.call('GET', ARGV[5] .. it.authorKey) == ARGV[6] then
    redis.call('DEL', ARGV[5] .. it.authorKey)
  end
end
local out = cjson.encode(it)
redis.call('SET', KEYS[1], out)
pushevent(KEYS[5], tonumber(ARGV[4]), ARGV[7], ARGV[6], it, ARGV[8], from, cjson.decode(ARGV[9]))
return {'ok', from, out}`;

/** KEYS: item, outbox. ARGV: now, itemId. Marks an open, unanswered, overdue item breached once; returns its JSON or false. */
export const BREACH = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local it = cjson.decode(raw)
if it.breached or (it.state ~= 'new' and it.state ~= 'claimed') or it.dueAt > tonumber(ARGV[1]) then return false end
it.breached = true
local out = cjson.encode(it)
redis.call('SET', KEYS[1], out)
-- stamped with the due time, the moment the SLA ran out, whenever the tick noticed
redis.call('RPUSH', KEYS[2], cjson.encode({at = it.dueAt, kind = 'care', type = 'sla_breached', entityId = ARGV[2], brand = it.brand,
  actor = 'system', fromState = it.state, toState = it.state, eventId = 'care-sla-' .. ARGV[2],
  data = {slaMs = it.slaMs, claimedBy = it.claimedBy, assignee = it.assignee, intent = it.intent, source = it.source}}))
return out`;

/** KEYS: lock. ARGV: token. Releases the lock only if we still hold it. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
