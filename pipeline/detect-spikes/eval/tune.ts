/**
 * Developer harness (not part of CI): computes the component scores of every
 * NAB series once, then searches the combiner's options, in-sample and
 * leave-one-category-out. Run: node --import tsx pipeline/detect-spikes/eval/tune.ts
 */
import { Components, type ComponentOptions } from '../ensemble/components.ts';
import { Combiner, type CombineOptions } from '../ensemble/combine.ts';
import { STREAM_SCORER_DEFAULTS } from '../stream-scorer.ts';
import { nabAvailable, nabSeriesNames, nabWindows, readNabData, readTwoColumns } from './nab-data.ts';
import { NAB_PROFILES, scoreNab, type NabSeries } from './nab-score.ts';

export interface Loaded {
  name: string;
  category: string;
  times: number[];
  values: number[];
  windows: Array<[number, number]>;
}

export function loadAll(): Loaded[] {
  return nabSeriesNames().map((name) => {
    const { times, values } = readTwoColumns(readNabData(name));
    return { name, category: name.split('/')[0]!, times, values, windows: nabWindows(name) };
  });
}

export function componentsOf(s: Loaded, o: ComponentOptions): number[][] {
  const c = new Components(o);
  return s.values.map((v, i) => c.update(s.times[i]!, v));
}

export function combine(comps: number[][], o: CombineOptions): number[] {
  const c = new Combiner(o);
  return comps.map((x) => c.update(x));
}

/** The exact scorer (slow): for reporting. */
export function scoreSet(data: Loaded[], scores: Map<string, number[]>, profile = NAB_PROFILES.standard): number {
  const series: NabSeries[] = data.map((s) => ({ name: s.name, times: s.times, scores: scores.get(s.name)!, windows: s.windows }));
  return scoreNab(series, profile).score;
}

/** Per series, each scored row's sweep value and window id (−1 outside), computed once. */
const sweepCache = new Map<string, { sweep: Float64Array; window: Int32Array; probation: number }>();
function sweepOf(s: Loaded): { sweep: Float64Array; window: Int32Array; probation: number } {
  let c = sweepCache.get(s.name);
  if (c) return c;
  // Score every row 1 with the exact scorer's geometry: reuse scoreNab's logic via one pass here.
  const n = s.times.length;
  const idx = new Map<number, number>();
  s.times.forEach((t, i) => idx.set(t, i));
  const bounds = s.windows.map(([a, b]) => ({ left: idx.get(a)!, right: idx.get(b)! }));
  const sig = (x: number) => (x >= 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1);
  const maxTp = sig(-1);
  const sweep = new Float64Array(n);
  const window = new Int32Array(n).fill(-1);
  let w = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    while (w < bounds.length && bounds[w]!.right < i) {
      prevRight = bounds[w]!.right;
      prevWidth = bounds[w]!.right - bounds[w]!.left + 1;
      w++;
    }
    const cur = bounds[w];
    if (cur && i >= cur.left && i <= cur.right) {
      sweep[i] = sig(-(cur.right - i + 1) / (cur.right - cur.left + 1)) / maxTp;
      window[i] = w;
    } else sweep[i] = prevRight < 0 ? -1 : sig(Math.abs(prevRight - i) / (prevWidth - 1));
  }
  c = { sweep, window, probation: Math.min(Math.floor(0.15 * n), 750) };
  sweepCache.set(s.name, c);
  return c;
}

/** Fast NAB score: only rows with a score > 0 can fire (threshold 0 is never the best). */
export function fastScore(data: Loaded[], scores: Map<string, number[]>, profile = NAB_PROFILES.standard, floor = Number(process.env.FLOOR ?? 0.2)): number {
  const pts: Array<[number, number, number]> = [];
  let base = 0;
  let nWin = 0;
  for (const s of data) {
    const { sweep, window, probation } = sweepOf(s);
    const sc = scores.get(s.name)!;
    const seen = new Set<number>();
    for (let i = probation; i < sc.length; i++) {
      if (window[i]! >= 0) seen.add(window[i]!);
      if (sc[i]! >= floor) pts.push([sc[i]!, sweep[i]!, window[i]! >= 0 ? base + window[i]! : -1]);
    }
    nWin += seen.size;
    base += s.windows.length;
  }
  pts.sort((a, b) => b[0] - a[0]);
  const best = new Map<number, number>();
  let tp = 0;
  let fp = 0;
  let bestGain = 0;
  for (let i = 0; i < pts.length; i++) {
    const [sc, sw, win] = pts[i]!;
    if (win >= 0) {
      const worth = Math.max(-profile.fn, sw * profile.tp);
      const prev = best.get(win);
      if (prev === undefined) {
        best.set(win, worth);
        tp += worth + profile.fn;
      } else if (worth > prev) {
        best.set(win, worth);
        tp += worth - prev;
      }
    } else fp += sw * profile.fp;
    if (pts[i + 1]?.[0] === sc) continue;
    if (tp + fp > bestGain) bestGain = tp + fp;
  }
  return (100 * bestGain) / ((profile.tp + profile.fn) * nWin);
}

/** A grid of combiner options around `base`, varying the knobs named in `g` (arrays of values). */
export function gridAround(base: CombineOptions, g: Record<string, number[]>): CombineOptions[] {
  let out: CombineOptions[] = [{ ...base, weights: [...(base.weights ?? [1, 1, 1, 1, 1])] }];
  for (const [knob, values] of Object.entries(g)) {
    const next: CombineOptions[] = [];
    for (const o of out)
      for (const v of values) {
        const c: CombineOptions = { ...o, weights: [...(o.weights ?? [])] };
        const w = ['wn', 'wl', 'wsh', 'ws', 'wsu', 'wj', 'wv', 'wc', 'wp', 'wd'].indexOf(knob);
        if (w >= 0) c.weights![w] = v;
        else (c as Record<string, unknown>)[knob] = knob === 'mode' ? (['max', 'sum', 'top2'][v] ?? 'max') : v;
        next.push(c);
      }
    out = next;
  }
  return out;
}

export interface LocoResult {
  inSample: { config: CombineOptions; scores: Map<string, number[]> };
  /** Per held-out category, the config chosen on the other categories. */
  chosen: Array<{ category: string; config: CombineOptions; train: number }>;
  /** Every series scored by the config chosen without its category. */
  loco: Map<string, number[]>;
}

/**
 * Leave-one-category-out: for each category, picks the config that scores best
 * on the other categories (one global threshold, as NAB does) and scores the
 * held-out category's series with it. `variants` (component options, default
 * just `co`) are crossed with `configs`, so component knobs are re-chosen per
 * fold too; candidates are scored one at a time and only each fold's best is kept.
 */
export function locoSearch(data: Loaded[], co: ComponentOptions, configs: CombineOptions[], variants: ComponentOptions[] = [co]): LocoResult {
  const cats = [...new Set(data.map((s) => s.category))];
  const trains = cats.map((cat) => data.filter((s) => s.category !== cat));
  const best = cats.map(() => ({ train: -Infinity, config: {} as CombineOptions, scores: new Map<string, number[]>() }));
  let inSample = { score: -Infinity, config: {} as CombineOptions, scores: new Map<string, number[]>() };
  for (const v of variants) {
    const comps = new Map(data.map((s) => [s.name, componentsOf(s, v)]));
    for (const cfg of configs) {
      const config = variants.length > 1 ? { ...v, ...cfg } : cfg;
      const r = new Map(data.map((s) => [s.name, combine(comps.get(s.name)!, cfg)]));
      const all = fastScore(data, r);
      if (all > inSample.score) inSample = { score: all, config, scores: r };
      trains.forEach((train, k) => {
        const tr = fastScore(train, r);
        if (tr > best[k]!.train) best[k] = { train: tr, config, scores: r };
      });
    }
  }
  const loco = new Map<string, number[]>();
  cats.forEach((cat, k) => {
    for (const s of data) if (s.category === cat) loco.set(s.name, best[k]!.scores.get(s.name)!);
  });
  const chosen = cats.map((category, k) => ({ category, config: best[k]!.config, train: best[k]!.train }));
  return { inSample: { config: inSample.config, scores: inSample.scores }, chosen, loco };
}

async function main(): Promise<void> {
  if (!nabAvailable()) return;
  const data = loadAll();
  const co = { ...STREAM_SCORER_DEFAULTS, ...(JSON.parse(process.argv[2] ?? '{}') as ComponentOptions) };
  const t0 = Date.now();
  const g = JSON.parse(process.env.GRID ?? '{}') as Record<string, number[]>;
  // COMPONENTS='{"periodCycles":[1,3,5]}': component knobs crossed with GRID, re-chosen per fold as well.
  const cg = JSON.parse(process.env.COMPONENTS ?? '{}') as Record<string, number[]>;
  let variants: ComponentOptions[] = [co];
  for (const [knob, values] of Object.entries(cg)) variants = variants.flatMap((v) => values.map((x) => ({ ...v, [knob]: x })));
  const r = locoSearch(data, co, gridAround(co, g), variants);
  const best = r.inSample.scores;
  process.stdout.write(`${((Date.now() - t0) / 1000).toFixed(1)} s ${JSON.stringify(process.argv[2] ?? {})}\n`);
  process.stdout.write(`in-sample best ${scoreSet(data, best).toFixed(2)} low-FP ${scoreSet(data, best, NAB_PROFILES.reward_low_FP_rate).toFixed(2)} low-FN ${scoreSet(data, best, NAB_PROFILES.reward_low_FN_rate).toFixed(2)} ${JSON.stringify(r.inSample.config)}\n`);
  for (const c of r.chosen) process.stdout.write(`  hold out ${c.category.padEnd(22)} train ${c.train.toFixed(2)} cfg ${JSON.stringify(c.config)}\n`);
  process.stdout.write(`LOCO standard ${scoreSet(data, r.loco).toFixed(2)} low-FP ${scoreSet(data, r.loco, NAB_PROFILES.reward_low_FP_rate).toFixed(2)} low-FN ${scoreSet(data, r.loco, NAB_PROFILES.reward_low_FN_rate).toFixed(2)}\n`);
  for (const cat of [...new Set(data.map((s) => s.category))]) {
    const sub = data.filter((s) => s.category === cat);
    process.stdout.write(`  ${cat.padEnd(22)} best-config ${scoreSet(sub, best).toFixed(2)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
