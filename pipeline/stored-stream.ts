import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import type { Mention } from '../core/mention.ts';

/**
 * Stored mentions, handed from the pipeline workers to the alerter through a
 * Redis stream, so the alerter can run in another process (split deployment)
 * and a restarted alerter resumes where it stopped (its last id is saved after
 * each observed chunk: at-least-once). Text is cut: the alerter needs it only
 * for top terms and samples.
 */
const MAX_TEXT = 1000;
/** About a day of a busy brand; older entries are trimmed. */
const MAX_LEN = 200_000;

export function storedStreamKey(prefix: string): string {
  return `${prefix}:stored`;
}

function compact(m: Mention): Mention {
  return { ...m, raw: {}, text: m.text.length > MAX_TEXT ? m.text.slice(0, MAX_TEXT) : m.text };
}

/** The pipeline's after-store hook: one XADD per batch. */
export function publishStored(redis: Redis, prefix: string): (mentions: Mention[]) => Promise<void> {
  const key = storedStreamKey(prefix);
  return async (mentions) => {
    if (mentions.length === 0) return;
    await redis.xadd(key, 'MAXLEN', '~', String(MAX_LEN), '*', 'm', JSON.stringify(mentions.map(compact)));
  };
}

export interface StoredConsumer {
  stop(): Promise<void>;
}

/**
 * Reads the stream from the saved position and calls `observe` per entry, in
 * order. A failing `observe` is retried after a pause; the position only moves
 * past entries that were observed.
 */
export function consumeStored(options: {
  redis: Redis;
  prefix: string;
  /** Names the saved position, e.g. "alerter". */
  consumer: string;
  observe: (mentions: Mention[]) => Promise<void>;
  logger: Logger;
  blockMs?: number;
}): StoredConsumer {
  const { redis, prefix, logger } = options;
  const key = storedStreamKey(prefix);
  const posKey = `${prefix}:stored:pos:${options.consumer}`;
  let stopped = false;
  const loop = (async () => {
    let pos = (await redis.get(posKey)) ?? '$';
    if (pos === '$') {
      // First run: start from now, not from whatever the stream already holds.
      const last = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
      pos = last[0]?.[0] ?? '0-0';
      await redis.set(posKey, pos);
    }
    while (!stopped) {
      try {
        const res = (await redis.xread('COUNT', 50, 'BLOCK', options.blockMs ?? 1000, 'STREAMS', key, pos)) as Array<[string, Array<[string, string[]]>]> | null;
        for (const [, entries] of res ?? []) {
          for (const [id, fields] of entries) {
            const payload = fields[1];
            if (payload) await options.observe(JSON.parse(payload) as Mention[]);
            pos = id;
            await redis.set(posKey, pos);
          }
        }
      } catch (err) {
        if (stopped) break;
        logger.warn('reading stored mentions failed; retrying', { error: (err as Error).message });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop.catch(() => {});
    },
  };
}
