/**
 * Developer harness (not part of CI): computes the component scores of every
 * NAB series once, then searches the combiner's options, in-sample and
 * leave-one-category-out. Run: node --import tsx pipeline/detect-spikes/eval/tune.ts
 */
import { Components, type ComponentOptions } from '../ensemble/components.ts';
import { Combiner, type CombineOptions } from '../ensemble/combine.ts';
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
export function fastScore(data: Loaded[], scores: Map<string, number[]>, profile = NAB_PROFILES.standard, floor = 0.3): number {
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

function grid(): CombineOptions[] {
  const out: CombineOptions[] = [];
  const g = JSON.parse(process.env.GRID ?? '{}') as Record<string, unknown[]>;
  const wn = (g.wn as number[]) ?? [0, 0.7, 1];
  const ws = (g.ws as number[]) ?? [0, 1];
  const wl = (g.wl as number[]) ?? [1];
  const wsh = (g.wsh as number[]) ?? [1];
  const wsu = (g.wsu as number[]) ?? [0, 1];
  for (const a of wn)
    for (const b of ws)
      for (const l of wl)
        for (const sh of wsh)
        for (const su of wsu)
          for (const mode of (g.mode as Array<'max' | 'sum'>) ?? ['max'])
          for (const alarmScore of (g.alarm as number[]) ?? [0.7, 0.9])
            for (const restFraction of (g.rf as number[]) ?? [0.03, 0.08])
              for (const restMaxRows of (g.rmax as number[]) ?? [300, 800]) out.push({ weights: [a, l, sh, b, su], mode, alarmScore, restFraction, restMaxRows, restMinRows: 50, warmupRows: 150 });
  return out;
}

async function main(): Promise<void> {
  if (!nabAvailable()) return;
  const data = loadAll();
  const co: ComponentOptions = JSON.parse(process.argv[2] ?? '{}') as ComponentOptions;
  const t0 = Date.now();
  const comps = new Map(data.map((s) => [s.name, componentsOf(s, co)]));
  process.stdout.write(`components ${JSON.stringify(co)} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const configs = grid();
  const cats = [...new Set(data.map((s) => s.category))];
  // Per config: scores of every series.
  const results = configs.map((cfg) => new Map(data.map((s) => [s.name, combine(comps.get(s.name)!, cfg)])));
  const inSample = results.map((r) => fastScore(data, r));
  const bestIdx = inSample.indexOf(Math.max(...inSample));
  const best = results[bestIdx]!;
  process.stdout.write(`in-sample best ${inSample[bestIdx]!.toFixed(2)} low-FP ${scoreSet(data, best, NAB_PROFILES.reward_low_FP_rate).toFixed(2)} low-FN ${scoreSet(data, best, NAB_PROFILES.reward_low_FN_rate).toFixed(2)} ${JSON.stringify(configs[bestIdx])}\n`);
  const loco = new Map<string, number[]>();
  for (const cat of cats) {
    const train = data.filter((s) => s.category !== cat);
    const test = data.filter((s) => s.category === cat);
    const tr = results.map((r) => fastScore(train, r));
    const k = tr.indexOf(Math.max(...tr));
    for (const s of test) loco.set(s.name, results[k]!.get(s.name)!);
    process.stdout.write(`  hold out ${cat.padEnd(22)} train ${tr[k]!.toFixed(2)} cfg ${JSON.stringify(configs[k])}\n`);
  }
  process.stdout.write(`LOCO standard ${scoreSet(data, loco).toFixed(2)} low-FP ${scoreSet(data, loco, NAB_PROFILES.reward_low_FP_rate).toFixed(2)} low-FN ${scoreSet(data, loco, NAB_PROFILES.reward_low_FN_rate).toFixed(2)}\n`);
  for (const cat of cats) {
    const sub = data.filter((s) => s.category === cat);
    process.stdout.write(`  ${cat.padEnd(22)} best-config ${scoreSet(sub, best).toFixed(2)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
