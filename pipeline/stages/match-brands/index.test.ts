import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/logger.ts';
import { Metrics } from '../../../core/metrics.ts';
import { toMention, type Mention } from '../../../core/mention.ts';
import { brandSchema, type BrandConfig } from '../../../config/schema.ts';
import type { StageContext } from '../../stage.ts';
import { compileBrands, createMatchBrandsStage, matchBrands } from './index.ts';

const brands: BrandConfig[] = [
  { name: 'Deutsche Bahn', query: '"deutsche bahn" OR @DB_Bahn OR (bahn AND (zug* OR verspät*))', languages: ['de'] },
  { name: 'Acme', query: '(acme OR @acme) -"acme anvil"', languages: [] },
  { name: 'Globex', query: 'globex', languages: ['en'] },
].map((b) => brandSchema.parse(b));

function mention(text: string, language = 'und', title = ''): Mention {
  const m = toMention({ source: 'test', id: text.slice(0, 20), text, title, publishedAt: '2026-03-02T14:05:31Z' }, { now: 0, maxTextLength: 10_000 });
  m.language = language;
  return m;
}

function context(): StageContext & { drops: [string, string, number][]; dead: string[] } {
  const drops: [string, string, number][] = [];
  const dead: string[] = [];
  return {
    clock: new FakeClock(0),
    logger: silentLogger,
    metrics: new Metrics(),
    batchId: 'b1',
    drops,
    dead,
    deadLetter: (m) => dead.push(m.id),
    drop: (stage, reason, n = 1) => drops.push([stage, reason, n]),
  };
}

describe('matchBrands', () => {
  const compiled = compileBrands(brands);
  it.each<[string, string, string[]]>([
    ['Die Deutsche Bahn hat schon wieder Verspätung', 'de', ['Deutsche Bahn']],
    ['Die Deutsche Bahn hat schon wieder Verspätung', 'und', ['Deutsche Bahn']],
    ['Die Deutsche Bahn hat schon wieder Verspätung', 'en', []],
    ['Deutsche Bahn strike news', 'de-AT', ['Deutsche Bahn']],
    ['Mein Zug bei der Bahn fällt aus, danke @acme', 'de', ['Deutsche Bahn', 'Acme']],
    ['globex and acme merge', 'en', ['Acme', 'Globex']],
    ['globex und acme fusionieren', 'de', ['Acme']],
    ['my acme anvil fell', 'en', []],
    ['nothing relevant here', 'en', []],
  ])('%s (%s) → %j', (text, language, expected) => {
    expect(matchBrands(compiled, text, language)).toEqual(expected);
  });

  it('with no brands matches nothing', () => {
    expect(matchBrands([], 'acme', 'en')).toEqual([]);
  });
});

describe('match-brands stage', () => {
  it('sets brands, matches the title too, and drops mentions no brand accepts (counted, not dead-lettered)', async () => {
    const stage = createMatchBrandsStage(brands);
    const ctx = context();
    const batch = [
      mention('Zug fällt aus', 'de', 'Bahn-Chaos in Köln'),
      mention('Just a post about cats', 'en'),
      mention('@acme my order never arrived', 'en'),
      mention('Globex ist super', 'de'),
    ];
    const out = await stage.run(batch, ctx);
    expect(out.map((m) => [m.text, m.brands])).toEqual([
      ['Zug fällt aus', ['Deutsche Bahn']],
      ['@acme my order never arrived', ['Acme']],
    ]);
    expect(ctx.drops).toEqual([['match-brands', 'no_brand', 2]]);
    expect(ctx.dead).toEqual([]);
  });

  it('keeps every mention with brands = [] when no brands are configured', async () => {
    const stage = createMatchBrandsStage([]);
    const ctx = context();
    const batch = [mention('anything at all', 'en'), mention('noch etwas', 'de')];
    batch[0]!.brands = ['stale'];
    const out = await stage.run(batch, ctx);
    expect(out).toHaveLength(2);
    expect(out.map((m) => m.brands)).toEqual([[], []]);
    expect(ctx.drops).toEqual([]);
  });

  it('does not report a drop when every mention matched', async () => {
    const ctx = context();
    const out = await createMatchBrandsStage(brands).run([mention('acme'), mention('ACME!')], ctx);
    expect(out).toHaveLength(2);
    expect(ctx.drops).toEqual([]);
  });
});
