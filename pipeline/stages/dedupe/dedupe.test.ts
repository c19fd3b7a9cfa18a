import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import { Metrics } from '../../../core/metrics.ts';
import { toMention, type Mention } from '../../../core/mention.ts';
import { startTestRedis, type TestRedis } from '../../../test/helpers/redis.ts';
import type { StageContext } from '../../stage.ts';
import { createDedupeStage } from './index.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

const HOUR = 3_600_000;
function mention(id: string, text: string, author: string, at: string): Mention {
  return toMention({ source: 'x', id, text, publishedAt: at, author: { id: author } }, { now: 0, maxTextLength: 1000 });
}
function ctx(batchId: string, dropped: number[]): StageContext {
  return {
    clock: new FakeClock(0), logger: silentLogger, metrics: new Metrics(), batchId,
    deadLetter: () => { throw new Error('unexpected dead letter'); },
    drop: (_s, _r, n = 1) => dropped.push(n),
  };
}

describe('dedupe', () => {
  it('drops repeated ids within and across batches, but a retried batch keeps its own items', async () => {
    const stage = createDedupeStage({ redis: redis.connect(), prefix: redis.prefix(), idWindow: 24 * HOUR, textWindow: HOUR });
    const a = mention('1', 'first post about acme', 'u1', '2026-03-02T10:00:00Z');
    const b = mention('2', 'second post about acme', 'u2', '2026-03-02T10:00:00Z');
    const first = await stage.run([a, b, a], ctx('batch-1', []));
    expect(first.map((m) => m.id)).toEqual(['x:1', 'x:2']);
    // The same batch again (a worker died before acknowledging it): identical outcome.
    const retry = await stage.run([a, b, a], ctx('batch-1', []));
    expect(retry.map((m) => m.id)).toEqual(['x:1', 'x:2']);
    const dropped: number[] = [];
    const later = await stage.run([b, mention('3', 'third post about acme', 'u3', '2026-03-02T10:00:00Z')], ctx('batch-2', dropped));
    expect(later.map((m) => m.id)).toEqual(['x:3']);
    expect(dropped).toEqual([1]);
  });

  it('drops the same text from the same author within the window only', async () => {
    const stage = createDedupeStage({ redis: redis.connect(), prefix: redis.prefix(), idWindow: 24 * HOUR, textWindow: HOUR });
    const text = 'Acme ist seit Stunden down, kein Netz';
    const out = await stage.run([
      mention('1', text, 'u1', '2026-03-02T10:00:00Z'),
      mention('2', `${text}  https://t.co/abc`, 'u1', '2026-03-02T10:30:00Z'), // same text, another link: duplicate
      mention('3', text, 'u2', '2026-03-02T10:31:00Z'), // another author: kept
      mention('4', text, 'u1', '2026-03-02T12:00:00Z'), // outside the window: kept
      mention('5', 'ok', 'u1', '2026-03-02T10:00:00Z'),
      mention('6', 'ok', 'u1', '2026-03-02T10:00:01Z'), // too short to judge: kept
    ], ctx('source|run|0', []));
    expect(out.map((m) => m.nativeId)).toEqual(['1', '3', '4', '5', '6']);
    // A retry of that batch (ids shaped like real job ids, with "|") keeps the same items.
    const again = await stage.run([
      mention('1', text, 'u1', '2026-03-02T10:00:00Z'),
      mention('2', `${text}  https://t.co/abc`, 'u1', '2026-03-02T10:30:00Z'),
    ], ctx('source|run|0', []));
    expect(again.map((m) => m.nativeId)).toEqual(['1']);
  });
});
