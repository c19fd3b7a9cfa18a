/**
 * `npm run eval:detect`: runs the `earshot detect` code path (scoreCsv) over
 * every NAB series in ../shared/data/nab, scores the result with the NAB
 * method and prints it next to the published table.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { scoreCsv } from '../csv.ts';
import { NAB_DIR, nabAvailable, nabSeriesNames, nabWindows, parseNabTime } from './nab-data.ts';
import { NAB_PROFILES, scoreNab, type NabSeries } from './nab-score.ts';
import { STREAM_SCORER_DEFAULTS } from '../stream-scorer.ts';
import { gridAround, loadAll, locoSearch, scoreSet } from './tune.ts';

/** The knobs re-chosen per fold in the leave-one-category-out check, around the shipped defaults. */
const LOCO_GRID = { wc: [0, 1], ws: [0, 0.5], wp: [0.5, 1], wd: [0, 1], alarmScore: [0.3, 0.4], restFraction: [0.02, 0.03, 0.05] };

const PUBLISHED: Array<[string, number | null, number | null, number | null]> = [
  ['ARTime', 72.08, null, null],
  ['numenta (HTM)', 70.93, 64.99, 75.0],
  ['contextOSE', 68.08, null, null],
  ['earthgeckoSkyline', 53.93, null, null],
  ['relativeEntropy', 52.61, null, null],
  ['twitterADVec', 42.07, null, null],
  ['windowedGaussian', 35.0, null, null],
];

/** Runs the CLI's scorer over one NAB file and returns its per-row times and scores. */
export async function scoreNabFile(name: string): Promise<{ times: number[]; scores: number[] }> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  await scoreCsv(createReadStream(join(NAB_DIR, 'data', name)), sink, (m) => process.stderr.write(`${name}: ${m}\n`));
  const times: number[] = [];
  const scores: number[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const cells = line.split(',');
    times.push(parseNabTime(cells[0] ?? ''));
    scores.push(Number(cells[cells.length - 1]));
  }
  return { times, scores };
}

async function main(): Promise<number> {
  if (!nabAvailable()) {
    process.stdout.write(`NAB data not found at ${NAB_DIR} (expected ../shared/data/nab next to the repo); nothing to evaluate.\n`);
    return 0;
  }
  const started = Date.now();
  const series: NabSeries[] = [];
  for (const name of nabSeriesNames()) {
    const { times, scores } = await scoreNabFile(name);
    series.push({ name, times, scores, windows: nabWindows(name) });
  }
  const detectMs = Date.now() - started;
  const results = Object.fromEntries(Object.entries(NAB_PROFILES).map(([k, p]) => [k, scoreNab(series, p)]));
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '     -' : x.toFixed(2).padStart(6));
  const rows = series.reduce((a, s) => a + s.times.length, 0);
  process.stdout.write(`NAB, ${series.length} series, ${rows} rows, scored by earshot detect's code in ${(detectMs / 1000).toFixed(1)} s\n\n`);
  process.stdout.write(`detector               standard  low-FP  low-FN\n`);
  const std = results.standard!;
  process.stdout.write(`earshot (this build)     ${fmt(std.score)}  ${fmt(results.reward_low_FP_rate?.score)}  ${fmt(results.reward_low_FN_rate?.score)}\n`);
  for (const [name, a, b, c] of PUBLISHED) process.stdout.write(`${name.padEnd(23)}  ${fmt(a)}  ${fmt(b)}  ${fmt(c)}\n`);
  process.stdout.write(`\nstandard profile: threshold ${std.threshold.toFixed(4)}, windows found ${std.tp}/${std.windows}, rows firing outside windows ${std.fp}\n`);
  if (process.argv.includes('--no-loco')) return 0;
  // Generalisation: re-choose the combiner knobs on 5 categories, score the 6th with them, for each category.
  const data = loadAll();
  const configs = gridAround(STREAM_SCORER_DEFAULTS, LOCO_GRID);
  const r = locoSearch(data, STREAM_SCORER_DEFAULTS, configs);
  process.stdout.write(`\nleave-one-category-out (${configs.length} combiner configs re-chosen per fold on the other 5 categories):\n`);
  for (const c of r.chosen) {
    const held = data.filter((x) => x.category === c.category);
    const own = held.some((x) => x.windows.length > 0) ? scoreSet(held, r.loco).toFixed(2) : '(no windows)';
    const knobs = `weights ${JSON.stringify(c.config.weights)} ${c.config.mode} alarm ${c.config.alarmScore} rest ${c.config.restFraction}`;
    const inS = held.some((x) => x.windows.length > 0) ? scoreSet(held, r.inSample.scores).toFixed(2) : '-';
    process.stdout.write(`  ${c.category.padEnd(22)} held out: ${knobs}; ${c.train.toFixed(2)} on the other 5; on it alone ${own} (in-sample config: ${inS})\n`);
  }
  const p = (m: Map<string, number[]>, k: keyof typeof NAB_PROFILES) => fmt(scoreSet(data, m, NAB_PROFILES[k]));
  process.stdout.write(`LOCO (held-out scores pooled) ${p(r.loco, 'standard')}  ${p(r.loco, 'reward_low_FP_rate')}  ${p(r.loco, 'reward_low_FN_rate')}\n`);
  process.stdout.write(`best of the grid in-sample    ${p(r.inSample.scores, 'standard')}  ${p(r.inSample.scores, 'reward_low_FP_rate')}  ${p(r.inSample.scores, 'reward_low_FN_rate')}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => (process.exitCode = code));
}
