import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, DEFAULT_CONFIG_FILE } from '../config/load.ts';
import { SystemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import { startPipelineWorker } from '../pipeline/worker.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { waitFor } from '../test/helpers/wait.ts';
import { startCollectors } from './start.ts';

let redis: TestRedis;
let ch: TestStore;
beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
});
afterAll(async () => {
  await ch?.cleanup();
  await redis?.stop();
});

describe('collectors → pipeline → ClickHouse', () => {
  it('the default config (demo source only) fills the mentions table with labelled demo data about its brands', async () => {
    const doc = parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
    // The default demo source ticks every 10 s; every second keeps the test short.
    const config = buildConfig({ ...doc, sources: [{ name: 'demo', type: 'demo', schedule: '* * * * * *', options: { perMinute: 120 } }] }, 'default.yaml', {});
    const prefix = redis.prefix();
    const metrics = new Metrics();
    const clock = new SystemClock();
    const pipeline = new Pipeline({ config, store: ch.store, redis: redis.connect(), prefix, clock, logger: silentLogger, metrics });
    const worker = startPipelineWorker({ pipeline, store: ch.store, connection: redis.connect(), prefix, concurrency: 1, logger: silentLogger, metrics });
    const collectors = startCollectors({ config, redis, store: ch.store, clock, logger: silentLogger, metrics, dispatcher: new MockAgent(), prefix });
    try {
      const rows = await waitFor(async () => {
        const r = await ch.store.query<{ n: string; brands: string[][]; demo: number }>(
          "SELECT count() AS n, groupUniqArray(brands) AS brands, min(JSONExtractBool(raw, 'demo')) AS demo FROM mentions FINAL WHERE source = 'demo'");
        return Number(r[0]?.n ?? 0) >= 5 ? r[0] : null;
      }, 30_000);
      expect(rows!.demo).toBe(1);
      expect(rows!.brands.flat()).toEqual(expect.arrayContaining(['Nordwind Mobile']));
      const runs = await ch.store.query<{ n: string }>("SELECT count() AS n FROM source_runs WHERE source = 'demo' AND status = 'ok'");
      expect(Number(runs[0]!.n)).toBeGreaterThan(0);
    } finally {
      await collectors.stop();
      await worker.stop();
    }
  });
});
