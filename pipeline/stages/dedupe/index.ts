import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Mention } from '../../../core/mention.ts';
import type { Stage } from '../../stage.ts';

export interface DedupeOptions {
  redis: Redis;
  prefix: string;
  /** How long an id is remembered (ms). */
  idWindow: number;
  /** Same normalised text from the same author within this span of publish times is a duplicate (ms). */
  textWindow: number;
}

/*
 * One round trip per batch. Each item claims its id key (and its author+text
 * key) with the token "<batch>:<index>". A key already holding the same token
 * means this batch is being retried after a crash: the item is still new, so a
 * retry stores exactly what the first attempt would have (the insert's own
 * dedup token then makes the repeat a no-op). Returns 1 for new, 0 for duplicate.
 */
const SCRIPT = `
local out = {}
local idTtl = tonumber(ARGV[1])
local textWindow = tonumber(ARGV[2])
local n = #KEYS / 2
for i = 1, n do
  local token = ARGV[2 * i + 1]
  local published = tonumber(ARGV[2 * i + 2])
  local idKey = KEYS[2 * i - 1]
  local textKey = KEYS[2 * i]
  local fresh = 1
  local old = redis.call('GET', idKey)
  if old and old ~= token then
    fresh = 0
  else
    redis.call('SET', idKey, token, 'PX', idTtl)
  end
  if fresh == 1 and textKey ~= '' then
    local prev = redis.call('GET', textKey)
    if prev then
      -- "<token>|<published>": the token may itself contain "|", so split at the last one.
      local prevToken, prevPublished = string.match(prev, '^(.*)|(%-?%d+)$')
      if prevToken ~= token and math.abs(published - tonumber(prevPublished)) <= textWindow then fresh = 0 end
    end
    if fresh == 1 then redis.call('SET', textKey, token .. '|' .. published, 'PX', math.max(textWindow * 2, 60000)) end
  end
  out[i] = fresh
end
return out
`;

function textKeyOf(m: Mention, prefix: string): string {
  if (!m.author.id && !m.author.name) return '';
  const folded = m.text.toLowerCase().replace(/https?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();
  if (folded.length < 12) return ''; // "thanks!" from one author twice is not a duplicate worth dropping
  const digest = createHash('sha1').update(`${m.source}\u0000${m.author.id || m.author.name}\u0000${folded}`).digest('base64url');
  return `${prefix}:dd:t:${digest}`;
}

export function createDedupeStage(options: DedupeOptions): Stage {
  const { redis, prefix } = options;
  return {
    name: 'dedupe',
    async run(batch, ctx) {
      if (batch.length === 0) return batch;
      const keys: string[] = [];
      const args: string[] = [];
      batch.forEach((m, i) => {
        keys.push(`${prefix}:dd:id:${m.id}`, textKeyOf(m, prefix));
        args.push(`${ctx.batchId}:${i}`, String(m.publishedAt));
      });
      // An empty text key (no author, or a very short text) means: check the id only.
      const flags = (await redis.eval(SCRIPT, keys.length, ...keys, String(options.idWindow), String(options.textWindow), ...args)) as number[];
      const out: Mention[] = [];
      batch.forEach((m, i) => {
        if (flags[i] === 1) out.push(m);
      });
      if (out.length < batch.length) ctx.drop('dedupe', 'duplicate', batch.length - out.length);
      return out;
    },
  };
}
