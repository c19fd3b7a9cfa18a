import { Queue } from 'bullmq';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../config/load.ts';
import { SystemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import { QUEUE, type CollectJob, type MentionBatchJob } from '../core/queues.ts';
import { mentionsQueue } from '../pipeline/queue.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { waitFor } from '../test/helpers/wait.ts';
import type { RunSummary } from './run-source.ts';
import { startCollectors } from './start.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const FEED = '<rss version="2.0"><channel><title>Flaky news</title><item><guid>f-1</guid><title>Acme in the news</title><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item><item><guid>f-2</guid><title>Acme again</title></item></channel></rss>';

function config(sources: unknown[]) {
  return buildConfig({ brands: [{ name: 'Acme', query: 'acme' }], sources, pipeline: { batchSize: 50 } }, 'test.yaml', {});
}

async function queued(queue: Queue<MentionBatchJob>, source: string): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'completed']);
  return jobs.filter((j) => j.data.source === source).flatMap((j) => (j.data.items as Array<{ id: string }>).map((i) => i.id));
}

describe('scheduler + collect worker on real Redis', () => {
  it('a source answering 500, then 429 with Retry-After, then 200 backs off as told and its mentions arrive; another source keeps running meanwhile', async () => {
    const prefix = redis.prefix();
    const agent = new MockAgent();
    agent.disableNetConnect();
    const calls: Array<{ at: number; status: number }> = [];
    const pool = agent.get('https://flaky.example.com');
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => () => {
      calls.push({ at: Date.now(), status });
      return { statusCode: status, data: body, responseOptions: { headers } };
    };
    pool.intercept({ path: '/rss' }).reply(answer(500, 'boom'));
    pool.intercept({ path: '/rss' }).reply(answer(429, 'slow down', { 'retry-after': '3' }));
    pool.intercept({ path: '/rss' }).reply(answer(200, FEED)).persist();
    const cfg = config([
      { name: 'flaky', type: 'rss', schedule: '* * * * * *', options: { urls: ['https://flaky.example.com/rss'], retryBaseDelay: '100ms', backfillWindow: '3650d' } },
      { name: 'steady', type: 'demo', schedule: '* * * * * *', options: { perMinute: 600 } },
    ]);
    const metrics = new Metrics();
    const running = startCollectors({ config: cfg, redis, store: null, clock: new SystemClock(), logger: silentLogger, metrics, dispatcher: agent, prefix });
    const queue = mentionsQueue(redis.connect(), prefix);
    try {
      const ids = await waitFor(async () => {
        const got = await queued(queue, 'flaky');
        return got.length >= 2 ? got : null;
      }, 20_000);
      expect(ids!.sort()).toEqual(['f-1', 'f-2']);
      expect(calls.slice(0, 3).map((c) => c.status)).toEqual([500, 429, 200]);
      // Waited as told: at least the 3 s of Retry-After between the 429 and the retry.
      expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(3_000);
      // The other source ran meanwhile: its runs completed while the flaky one waited.
      const collect = new Queue<CollectJob>(QUEUE.collect, { connection: redis.connect(), prefix });
      const steadyRuns = (await collect.getJobs(['completed']))
        .map((j) => j.returnvalue as RunSummary | undefined)
        .filter((r): r is RunSummary => r?.source === 'steady' && r.status === 'ok');
      expect(steadyRuns.some((r) => r.finishedAt > calls[1]!.at && r.finishedAt < calls[2]!.at)).toBe(true);
      expect((await queued(queue, 'steady')).length).toBeGreaterThan(0);
      expect(await metrics.text()).toMatch(/earshot_source_retries_total\{source="flaky",code="rate_limited"\} 1/);
      await collect.close();
    } finally {
      await running.stop();
      await queue.close();
    }
  });

  it('two schedulers enqueue each tick once, and two workers never run one source at the same time', async () => {
    const prefix = redis.prefix();
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://slow.example.com').intercept({ path: '/rss' }).reply(200, FEED).delay(300).persist();
    const cfg = config([{ name: 'slow', type: 'rss', schedule: '* * * * * *', options: { urls: ['https://slow.example.com/rss'] } }]);
    const deps = { config: cfg, redis, store: null, clock: new SystemClock(), logger: silentLogger, dispatcher: agent, prefix };
    // Two full scheduler processes' worth: two cron schedulers, two collect workers (each may run 4 jobs at once).
    const a = startCollectors({ ...deps, metrics: new Metrics(), concurrency: 4 });
    const b = startCollectors({ ...deps, metrics: new Metrics(), concurrency: 4 });
    const collect = new Queue<CollectJob>(QUEUE.collect, { connection: redis.connect(), prefix });
    try {
      // Manual runs on top of the ticks, so the workers really contend for the source.
      await collect.addBulk(Array.from({ length: 8 }, (_, i) => ({ name: 'collect', data: { source: 'slow', scheduledAt: Date.now(), mode: 'manual' as const }, opts: { jobId: `slow|manual-${i}` } })));
      const done = await waitFor(async () => {
        const jobs = await collect.getJobs(['completed']);
        return jobs.length >= 12 ? jobs : null;
      }, 20_000);
      const ticks = done!.filter((j) => !j.id!.includes('manual'));
      // One job per tick although two schedulers saw every tick.
      expect(new Set(ticks.map((j) => j.data.scheduledAt)).size).toBe(ticks.length);
      const runs = done!.map((j) => j.returnvalue as RunSummary).filter((r) => r.status === 'ok' || r.status === 'skipped');
      const ok = runs.filter((r) => r.status === 'ok').sort((x, y) => x.startedAt - y.startedAt);
      expect(runs.some((r) => r.status === 'skipped')).toBe(true);
      expect(ok.length).toBeGreaterThan(0);
      for (let i = 1; i < ok.length; i++) expect(ok[i]!.startedAt).toBeGreaterThanOrEqual(ok[i - 1]!.finishedAt);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await collect.close();
    }
  });
});

describe('shutdown', () => {
  it('stops promptly even when Redis died first (Ctrl-C reaches redis-server too)', async () => {
    const own = await startTestRedis();
    const cfg = config([{ name: 'steady', type: 'demo', schedule: '* * * * * *', options: {} }]);
    const running = startCollectors({
      config: cfg, redis: own, store: null, clock: new SystemClock(), logger: silentLogger, metrics: new Metrics(),
      dispatcher: new MockAgent(), prefix: own.prefix(), closeTimeoutMs: 300,
    });
    await new Promise((r) => setTimeout(r, 1500));
    await own.server.stop();
    const stopped = await Promise.race([running.stop().then(() => 'stopped'), new Promise((r) => setTimeout(() => r('hung'), 10_000))]);
    expect(stopped).toBe('stopped');
    await own.stop().catch(() => {});
  });
});
