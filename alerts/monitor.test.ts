import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { createAlerter } from './alerter.ts';
import { alertsSchema } from './config.ts';
import { labelled } from './testing/replay.ts';
import { generateStream } from './testing/stream.ts';
import type { AlertEventOut } from './types.ts';

let r: TestRedis;
beforeAll(async () => {
  r = await startTestRedis();
});
afterAll(async () => {
  await r.stop();
});

it('the monitor keeps per-brand and per-source series, and a restarted alerter resumes them from Redis', async () => {
  const config = alertsSchema.parse({ monitor: { dimensions: ['source'] } });
  const mentions = generateStream({ brand: 'Acme', days: 0.25, seed: 3, bumpsPerWeek: 0 }).map((g) => labelled(g, 'Acme'));
  const prefix = r.prefix();
  const clock = new FakeClock(mentions[0]!.publishedAt);
  const a = createAlerter({ config, clock, redis: r.connect(), deliver: false, prefix });
  for (let i = 0; i < mentions.length; i += 100) {
    const batch = mentions.slice(i, i + 100);
    await clock.set(batch.at(-1)!.publishedAt);
    await a.observe(batch);
    await a.tick();
  }
  const before = a.monitor.toJSON();
  await a.stop();
  const series = before.series.map((s) => JSON.stringify(s.dims)).sort();
  expect(series).toContain('{}');
  expect(series).toContain('{"source":"reddit"}');
  const closedBefore = before.series.find((s) => Object.keys(s.dims).length === 0)!.tracks[0]!.next;
  expect(closedBefore).toBeGreaterThan(mentions[0]!.publishedAt + 5 * 3_600_000);

  const b = createAlerter({ config, clock, redis: r.connect(), deliver: false, prefix });
  await b.tick();
  const after = b.monitor.toJSON();
  expect(after.series.length).toBe(before.series.length);
  expect(JSON.stringify(after.series[0]?.tracks[0]?.detectors)).toBe(JSON.stringify(before.series[0]?.tracks[0]?.detectors));
  await b.stop();
});

it('a restarted alerter resumes the crisis-burst test: the next crisis fires exactly as without the restart', async () => {
  // A quiet brand, a day and a bit of history, a crisis at 2 a.m. (the small-sample path's case).
  const onset = Date.parse('2026-03-03T02:03:00Z');
  const config = alertsSchema.parse({});
  const mentions = generateStream({ brand: 'Quill', days: 1.2, seed: 1, peakPerHour: 80, bumpsPerWeek: 0, episodes: [{ type: 'crisis', at: onset }] }).map((g) => labelled(g, 'Quill'));
  const start = mentions[0]!.publishedAt;
  const end = mentions.at(-1)!.publishedAt;
  // On the replay's tick grid, so both runs tick at the same simulated times.
  const restartAt = start + Math.floor((onset - 5 * 60_000 - start) / 30_000) * 30_000;
  // As `earshot replay` drives it: mentions in time order, a tick every 30 simulated seconds.
  const feed = async (clock: FakeClock, alerter: ReturnType<typeof createAlerter>, from: number, to: number) => {
    let i = mentions.findIndex((m) => m.publishedAt >= from);
    for (let t = from + 30_000; t <= to; t += 30_000) {
      const batch: typeof mentions = [];
      while (i >= 0 && i < mentions.length && mentions[i]!.publishedAt < t) batch.push(mentions[i++]!);
      await clock.set(t);
      if (batch.length) await alerter.observe(batch);
      await alerter.tick(t);
    }
  };
  const bursts = (events: AlertEventOut[]) =>
    events.filter((e) => e.event === 'fired' && Date.parse(e.at) >= restartAt).map((e) => ({ at: e.at, kind: e.kind, severity: e.severity, summary: e.explanation.summary }));

  const straight: AlertEventOut[] = [];
  const clockA = new FakeClock(start);
  const a = createAlerter({ config, clock: clockA, redis: r.connect(), deliver: false, prefix: r.prefix(), graceMs: 0, onEvent: (e) => straight.push(e) });
  await feed(clockA, a, start, end);
  await a.stop();

  const restarted: AlertEventOut[] = [];
  const prefix = r.prefix();
  const clockB = new FakeClock(start);
  const b1 = createAlerter({ config, clock: clockB, redis: r.connect(), deliver: false, prefix, graceMs: 0, onEvent: (e) => restarted.push(e) });
  await feed(clockB, b1, start, restartAt);
  await b1.stop();
  const b2 = createAlerter({ config, clock: clockB, redis: r.connect(), deliver: false, prefix, graceMs: 0, onEvent: (e) => restarted.push(e) });
  await feed(clockB, b2, restartAt, end);
  await b2.stop();

  const first = bursts(straight).find((e) => e.kind === 'crisis_burst');
  expect(first, 'the crisis is caught by the small-sample path without a restart').toBeDefined();
  expect(Date.parse(first!.at) - onset).toBeLessThanOrEqual(10 * 60_000);
  expect(bursts(restarted)).toEqual(bursts(straight));
}, 120_000);
