import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import { Metrics } from '../../../core/metrics.ts';
import { toMention, type Mention } from '../../../core/mention.ts';
import { brandSchema } from '../../../config/schema.ts';
import type { StageContext } from '../../stage.ts';
import { createUnderstander, understandingSchema } from '../../understand/index.ts';
import { createDetectLanguageStage } from '../detect-language/index.ts';
import { createScoreSentimentStage } from '../score-sentiment/index.ts';
import { createReachStage } from '../reach/index.ts';
import { createClassifyIntentStage } from './index.ts';

function context(): StageContext & { dead: string[] } {
  const dead: string[] = [];
  return {
    clock: new FakeClock(0), logger: silentLogger, metrics: new Metrics(), batchId: 'b1', dead,
    deadLetter: (m) => dead.push(m.id), drop: () => undefined,
  };
}

function mention(id: string, fields: Record<string, unknown>): Mention {
  return toMention({ source: 'test', id, publishedAt: '2026-03-02T14:05:31Z', ...fields }, { now: 0, maxTextLength: 10_000 });
}

describe('the four understanding stages in pipeline order', () => {
  const understander = createUnderstander({ ...understandingSchema.parse({}), brands: [brandSchema.parse({ name: 'Blastgame', query: 'blastgame', lexicon: { sick: 3 } })] });
  const stages = [createDetectLanguageStage(understander), createScoreSentimentStage(understander), createClassifyIntentStage(understander), createReachStage(understander)];

  async function run(batch: Mention[]): Promise<{ out: Mention[]; dead: string[] }> {
    const ctx = context();
    let out = batch;
    for (const s of stages) out = await s.run(out, ctx);
    return { out, dead: ctx.dead };
  }

  it('fills language, sentiment, intents and reach; a source language tag wins', async () => {
    const a = mention('1', { text: 'Wo kann ich die neue Blastgame Edition kaufen?', author: { followers: 10_000 } });
    const b = mention('2', { text: 'This new map is sick', language: 'en' });
    b.brands = ['Blastgame'];
    const c = mention('3', { text: 'Das ist eindeutig ein deutscher Satz, aber die Quelle sagt Englisch.', language: 'en' });
    const { out, dead } = await run([a, b, c]);
    expect(dead).toEqual([]);
    expect(out.map((m) => m.language)).toEqual(['de', 'en', 'en']);
    expect(out[0]?.intents.map((i) => i.name)).toEqual(expect.arrayContaining(['lead', 'question']));
    expect(out[0]?.reach).toBeCloseTo(0.39, 2);
    expect(out[1]?.sentiment.label).toBe('positive');
    expect(out[1]?.reach).toBe(0);
  });

  it('default stages (no understander given) work too', async () => {
    const ctx = context();
    const out = await createScoreSentimentStage().run(await createDetectLanguageStage().run([mention('4', { text: 'Worst service ever, totally broken.' })], ctx), ctx);
    expect(out[0]?.language).toBe('en');
    expect(out[0]?.sentiment.label).toBe('negative');
  });
});
