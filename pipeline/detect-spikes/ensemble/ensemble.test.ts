import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../csv.ts';
import { STREAM_SCORER_DEFAULTS, StreamScorer } from '../stream-scorer.ts';
import { Combiner } from './combine.ts';
import { Components } from './components.ts';
import { ContextNovelty } from './context-novelty.ts';
import { SequenceSurprise } from './sequence-surprise.ts';
import { PeriodResidual } from './period-residual.ts';
import { WindowDiscord } from './window-discord.ts';

/** NAB fixture (MIT, see ../fixtures/README.md): a known system failure with its labelled window at rows 2014–2147. */
function fixture(): Array<{ at: number; value: number }> {
  const lines = readFileSync(new URL('../fixtures/nab-ec2-request-latency-head.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [t, v] = l.split(',');
    return { at: parseTimestamp(t!), value: Number(v) };
  });
}

function scoreAll(rows: Array<{ at: number; value: number }>, scorer = new StreamScorer()): number[] {
  return rows.map((r) => scorer.update(r.at, r.value));
}

/** A deterministic noisy series with many distinct values (worst case for the context memories). */
function noisy(n: number): Array<{ at: number; value: number }> {
  let x = 12345;
  const out: Array<{ at: number; value: number }> = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push({ at: 1_600_000_000_000 + i * 300_000, value: Math.sin(i / 40) * 50 + (x / 2147483648) * 30 });
  }
  return out;
}

describe('StreamScorer (ensemble)', () => {
  const rows = fixture();
  const scores = scoreAll(rows);

  it('catches the labelled failure inside its NAB window, before the labelled centre', () => {
    // Window rows 2014–2147, centre 09:06 = row 2081; NAB's chosen threshold for this build is ≈ 0.4.
    expect(Math.max(...scores.slice(2014, 2082))).toBeGreaterThanOrEqual(0.45);
  });

  it('scores in [0, 1], is silent in warm-up, and is deterministic', () => {
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(scores.slice(0, 50).every((s) => s === 0)).toBe(true);
    expect(scoreAll(rows)).toEqual(scores);
  });

  it('is causal: appending rows never changes earlier scores', () => {
    expect(scoreAll(rows.slice(0, 1500))).toEqual(scores.slice(0, 1500));
  });

  it('stays quiet after an alarm for its rest period (one event, one alarm)', () => {
    const s = new StreamScorer({ restFraction: 0, restMinRows: 40, restMaxRows: 40 });
    const out = scoreAll(rows, s);
    const alarm = out.findIndex((x, i) => i > 150 && x >= 0.4);
    expect(alarm).toBeGreaterThan(0);
    expect(out.slice(alarm + 1, alarm + 41).every((x) => x === 0)).toBe(true);
  });

  it('restores from JSON mid-stream and continues identically', () => {
    const a = new StreamScorer();
    scoreAll(rows.slice(0, 1000), a);
    const b = StreamScorer.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(scoreAll(rows.slice(1000), b)).toEqual(scores.slice(1000));
  });
});

describe('Combiner', () => {
  const score = (components: number[], options = {}) => {
    const c = new Combiner({ mode: 'top2', weights: [1, 1, 1], warmupRows: 0, ...options });
    return c.update(components);
  };

  it('damps a test that fires alone, not one a second test backs', () => {
    // (0.55 + 0.5 · 0) / 1.5 = 0.367, × 0.75 for no agreement; with a second test at 0.3: (0.55 + 0.15) / 1.5, undamped.
    expect(score([0.55, 0, 0])).toBeCloseTo(0.275, 6);
    expect(score([0.55, 0.3, 0])).toBeCloseTo(0.7 / 1.5, 6);
    expect(score([0.55, 0.15, 0])).toBeCloseTo(((0.55 + 0.075) / 1.5) * 0.875, 6);
  });

  it('with the scorer defaults a lone test alarms only when near certain; a second family at 0.3 halves what it needs', () => {
    const alarm = (c: number[]) => {
      const combiner = new Combiner({ ...STREAM_SCORER_DEFAULTS, warmupRows: 0 });
      return combiner.update(c) >= STREAM_SCORER_DEFAULTS.alarmScore!;
    };
    const only = (level: number, volatility = 0) => [0, level, 0, 0, 0, 0, volatility, 0, 0, 0];
    expect(alarm(only(0.85))).toBe(false);
    expect(alarm(only(0.95))).toBe(true);
    expect(alarm(only(0.46, 0.3))).toBe(true);
    expect(alarm(only(0.42, 0.3))).toBe(false);
  });

  it('loneFactor 1 turns the damping off', () => {
    expect(score([0.55, 0, 0], { loneFactor: 1 })).toBeCloseTo(0.55 / 1.5, 6);
  });

  it('takes the second opinion from another family: a same-family test agreeing does not count', () => {
    // Tests 0 and 1 share a family: 1 agreeing at 0.3 is ignored, so the lone 0.55 is damped as if alone (0.275).
    expect(score([0.55, 0.3, 0], { families: [0, 0, 1] })).toBeCloseTo(0.275, 6);
    expect(score([0.55, 0, 0.3], { families: [0, 0, 1] })).toBeCloseTo(0.7 / 1.5, 6);
    expect(score([0.55, 0.3, 0], { families: [0, 1, 2] })).toBeCloseTo(0.7 / 1.5, 6);
  });
});

/** Five-minute rows of a daily curve (peak at noon) with a little deterministic noise; `flatDay` (0-based) is flattened to its mean. */
function daily(days: number, flatDay = -1): Array<{ at: number; value: number }> {
  const out: Array<{ at: number; value: number }> = [];
  for (let i = 0; i < days * 288; i++) {
    const day = Math.floor(i / 288);
    const curve = day === flatDay ? 50 : 50 + 40 * Math.sin((2 * Math.PI * (i % 288)) / 288);
    out.push({ at: Date.UTC(2024, 0, 1) + i * 300_000, value: curve + ((i * 7919) % 13) / 13 });
  }
  return out;
}

describe('PeriodResidual', () => {
  const run = (rows: Array<{ at: number; value: number }>, p = new PeriodResidual()) => rows.map((r) => p.update(r.at, r.value));

  it('says nothing until three days of history, then is small on a familiar day and large on a flat one', () => {
    const normal = run(daily(6));
    expect(normal.slice(0, 3 * 288).every((x) => x === null)).toBe(true);
    const day5 = normal.slice(5 * 288, 6 * 288) as number[];
    expect(Math.max(...day5)).toBeLessThan(2);
    const flat = run(daily(6, 5)).slice(5 * 288, 6 * 288) as number[];
    expect(Math.max(...flat)).toBeGreaterThan(30);
  });

  it('matches by time, so a gap in the rows does not shift the comparison', () => {
    const rows = daily(6);
    const gappy = rows.filter((_, i) => i < 400 || i > 460);
    const out = run(gappy);
    expect(Math.max(...(out.slice(-288) as number[]))).toBeLessThan(2);
  });

  it('is causal and resumes from JSON identically', () => {
    const rows = daily(6, 4);
    const all = run(rows);
    expect(run(rows.slice(0, 1000))).toEqual(all.slice(0, 1000));
    const a = new PeriodResidual();
    run(rows.slice(0, 1000), a);
    const b = PeriodResidual.fromJSON({}, JSON.parse(JSON.stringify(a.toJSON())));
    expect(run(rows.slice(1000), b)).toEqual(all.slice(1000));
  });
});

describe('Components: the period test calibrates on whole days first', () => {
  // Flat nights, a daily peak whose height varies from day to day (the residual is small at night and larger by day); day 6 has no peak.
  function peaks(days: number): Array<{ at: number; value: number }> {
    const t0 = Date.UTC(2024, 0, 1);
    return Array.from({ length: days * 288 }, (_, i) => {
      const hour = (i % 288) / 12;
      const day = Math.floor(i / 288);
      const peak = hour >= 9 && hour < 17 && day !== 6;
      return { at: t0 + i * 300_000, value: (peak ? 70 + 6 * ((day * 7) % 4) : 20) + ((i * 37) % 11) / 5 };
    });
  }
  const periodScores = (options: ConstructorParameters<typeof Components>[0]) => {
    const c = new Components(options);
    return peaks(7).map((r) => c.update(r.at, r.value)[8]!);
  };
  const maxOf = (xs: number[]) => Math.max(...xs);

  it('does not call the first compared daily peak a record after a calibration that has seen only the night', () => {
    const warm = periodScores({});
    expect(maxOf(warm.slice(3 * 288, 5 * 288))).toBe(0);
    expect(maxOf(warm.slice(5 * 288, 6 * 288))).toBeLessThan(0.4);
    expect(maxOf(warm.slice(6 * 288))).toBeGreaterThan(0.8);
    // Without the warm-up the first peak of day 3 (the first day with three days of references) scores as an alarm.
    const cold = periodScores({ periodCalibrationCycles: 0 });
    expect(maxOf(cold.slice(3 * 288, 4 * 288))).toBeGreaterThan(0.6);
  });
});

describe('WindowDiscord', () => {
  const run = (rows: Array<{ at: number; value: number }>, d = new WindowDiscord()) => rows.map((r) => d.update(r.value));

  it('finds a repeated shape close to its past and a new shape far from it', () => {
    const rows = daily(4);
    const shapes = daily(4, 3);
    const normal = run(rows).slice(3 * 288 + 60) as number[];
    const flat = run(shapes).slice(3 * 288 + 60) as number[];
    expect(Math.max(...flat)).toBeGreaterThan(3 * Math.max(...normal));
  });

  it('is causal, deterministic, resumes from JSON identically and keeps at most its memory', () => {
    const rows = noisy(3000);
    const all = run(rows);
    expect(run(rows)).toEqual(all);
    expect(run(rows.slice(0, 1200))).toEqual(all.slice(0, 1200));
    const a = new WindowDiscord({ discordMemory: 100 });
    const ref = run(rows, new WindowDiscord({ discordMemory: 100 }));
    run(rows.slice(0, 1200), a);
    expect(a.toJSON().memory.length).toBeLessThanOrEqual(100);
    const b = WindowDiscord.fromJSON({ discordMemory: 100 }, JSON.parse(JSON.stringify(a.toJSON())));
    expect(run(rows.slice(1200), b)).toEqual(ref.slice(1200));
  });
});

describe('bounded state', () => {
  it('the context memories never exceed their capacity', () => {
    const c = new ContextNovelty({ levels: 16, maxOrder: 6, capacity: 300 });
    const s = new SequenceSurprise({ surpriseLevels: 16, surpriseOrder: 5, surpriseCapacity: 300 });
    for (const p of noisy(5000)) {
      c.update(p.value);
      s.update(p.value);
    }
    expect(c.toJSON().seen.length).toBeLessThanOrEqual(300);
    expect(s.toJSON().counts.length).toBeLessThanOrEqual(300);
  });

  it('the whole scorer state stops growing once its windows are full', () => {
    const opts = { capacity: 2000, surpriseCapacity: 2000, calibrationRows: 1500, historyRows: 500, periodMaxRows: 4000 };
    const data = noisy(12_000);
    const a = new StreamScorer(opts);
    scoreAll(data.slice(0, 6000), a);
    const size6k = JSON.stringify(a.toJSON()).length;
    scoreAll(data.slice(6000), a);
    const size12k = JSON.stringify(a.toJSON()).length;
    expect(size12k).toBeLessThan(size6k * 1.15);
  });
});
