import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { createAlerter } from './alerter.ts';
import { alertsSchema } from './config.ts';
import { labelled } from './testing/replay.ts';
import { generateStream } from './testing/stream.ts';

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
