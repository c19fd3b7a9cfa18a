import { Queue } from 'bullmq';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedSource } from '../config/load.ts';
import { SystemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import type { MentionBatchJob } from '../core/queues.ts';
import { mentionsQueue } from '../pipeline/queue.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { CursorStore } from './cursor-store.ts';
import { SourceLock } from './lock.ts';
import { collectorTypes } from './registry.ts';
import { SourceRunner, type SourceRunnerDeps } from './run-source.ts';

let redis: TestRedis;
let ch: TestStore;
beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
});
afterAll(async () => {
  await ch?.cleanup();
  await redis?.stop();
});

function source(name: string, type: string, options: Record<string, unknown>): ResolvedSource {
  return { name, type, schedule: '* * * * *', enabled: true, options: collectorTypes[type]!.options.parse(options) };
}

async function setup(overrides: Partial<SourceRunnerDeps> = {}) {
  const prefix = redis.prefix();
  const agent = new MockAgent();
  agent.disableNetConnect();
  const queue: Queue<MentionBatchJob> = mentionsQueue(redis.connect(), prefix);
  const metrics = new Metrics();
  const deps: SourceRunnerDeps = {
    redis: redis.connect(), mentions: queue, store: ch.store, dispatcher: agent, clock: new SystemClock(),
    logger: silentLogger, metrics, prefix, brands: [], batchSize: 4, attempts: 3, ...overrides,
  };
  const items = async () => (await queue.getJobs(['waiting'])).flatMap((j) => j.data.items as Array<{ id: string }>);
  return { prefix, agent, queue, metrics, deps, runner: new SourceRunner(deps), cursors: new CursorStore(deps.redis, prefix), items };
}

describe('SourceRunner', () => {
  it('queues mentions in batches, then saves the cursor, records the run and its metrics', async () => {
    const t = await setup();
    const demo = source('demo-a', 'demo', { perMinute: 30 });
    const s = await t.runner.run({ source: demo });
    expect(s.status).toBe('ok');
    expect(s.new).toBeGreaterThan(4);
    const jobs = await t.queue.getJobs(['waiting']);
    expect(jobs.length).toBe(Math.ceil(s.new / 4));
    expect(jobs.every((j) => j.data.items.length <= 4 && j.id!.startsWith(`demo-a|${s.runId}|`))).toBe(true);
    expect(jobs[0]!.opts.attempts).toBe(3);
    expect((await t.items()).length).toBe(s.new);
    const saved = await t.cursors.load('demo-a');
    expect(saved?.cursor).toMatchObject({ last: expect.any(Number) });
    expect(s.lagSeconds).not.toBeNull();
    const rows = await ch.store.query<{ status: string; new: number }>(
      'SELECT status, new FROM source_runs WHERE source = {s:String}', { s: 'demo-a' });
    expect(rows).toEqual([{ status: 'ok', new: s.new }]);
    const text = await t.metrics.text();
    expect(text).toMatch(/earshot_source_runs_total\{source="demo-a",status="ok"\} 1/);
    expect(text).toMatch(new RegExp(`earshot_source_new_total\\{source="demo-a"\\} ${s.new}`));
    expect(text).toMatch(/earshot_source_healthy\{source="demo-a"\} 1/);
    expect(text).toMatch(/earshot_source_lag_seconds\{source="demo-a"\}/);
    // The next run continues from the cursor: nothing generated twice.
    const again = await t.runner.run({ source: demo });
    const ids = (await t.items()).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(s.new + again.new);
  });

  it('skips a run while another holds the source lock, and counts it', async () => {
    const t = await setup();
    const lock = await SourceLock.acquire(t.deps.redis, t.prefix, 'demo-b');
    const s = await t.runner.run({ source: source('demo-b', 'demo', {}) });
    expect(s.status).toBe('skipped');
    expect(await t.items()).toEqual([]);
    expect(await t.metrics.text()).toMatch(/earshot_source_runs_total\{source="demo-b",status="skipped"\} 1/);
    await lock!.release();
    expect((await t.runner.run({ source: source('demo-b', 'demo', {}) })).status).toBe('ok');
  });

  it('rejected credentials: the run fails, the source turns unhealthy with an ops event naming the credential, then recovers', async () => {
    const t = await setup();
    const feed = source('press', 'rss', { urls: ['https://feeds.example.com/private.xml?token=s3cr3t-value'] });
    const pool = t.agent.get('https://feeds.example.com');
    pool.intercept({ path: /private/ }).reply(401, 'invalid token').times(2);
    const first = await t.runner.run({ source: feed });
    expect(first).toMatchObject({ status: 'failed', errorCode: 'auth_failed' });
    expect(first.errorMessage).not.toContain('s3cr3t');
    await t.runner.run({ source: feed });
    const events = await ch.store.query<{ type: string; severity: string; data: string }>(
      "SELECT type, severity, data FROM events WHERE kind = 'ops' AND entity_id = 'press' ORDER BY at");
    // Two failed runs, one event: health changes are reported, not every failure.
    expect(events.map((e) => e.type)).toEqual(['source_unhealthy']);
    expect(events[0]!.severity).toBe('critical');
    expect(JSON.parse(events[0]!.data).message).toMatch(/credentials were rejected: check the credentials configured for sources\[name=press\]\.options/);
    expect(await t.metrics.text()).toMatch(/earshot_source_healthy\{source="press"\} 0/);
    expect(await t.metrics.text()).toMatch(/earshot_source_errors_total\{source="press",code="auth_failed"\} 2/);
    expect(await t.cursors.load('press')).toBeNull();

    pool.intercept({ path: /private/ }).reply(200, '<rss version="2.0"><channel><title>p</title><item><guid>1</guid><title>Back</title></item></channel></rss>');
    expect((await t.runner.run({ source: feed })).status).toBe('ok');
    const after = await ch.store.query<{ type: string }>("SELECT type FROM events WHERE kind = 'ops' AND entity_id = 'press' ORDER BY at");
    expect(after.map((e) => e.type)).toEqual(['source_unhealthy', 'source_recovered']);
  });

  it('an abort during the run queues nothing and keeps the old cursor', async () => {
    const t = await setup();
    const feed = source('slow', 'rss', { urls: ['https://slow.example.com/rss'] });
    await t.cursors.save('slow', { cursor: { feeds: {} }, savedAt: 1 });
    t.agent.get('https://slow.example.com').intercept({ path: '/rss' }).reply(200, '<rss><channel><item><guid>1</guid><title>x</title></item></channel></rss>').delay(5_000);
    const c = new AbortController();
    const run = t.runner.run({ source: feed, signal: c.signal });
    setTimeout(() => c.abort(new Error('shutdown')), 50);
    const s = await run;
    expect(s.status).toBe('aborted');
    expect(await t.items()).toEqual([]);
    expect(await t.cursors.load('slow')).toEqual({ cursor: { feeds: {} }, savedAt: 1 });
    // The lock is free again for the next run.
    expect(await t.deps.redis.exists(SourceLock.key(t.prefix, 'slow'))).toBe(0);
  });

  it('a backfill neither reads nor moves the saved cursor', async () => {
    const t = await setup();
    const demo = source('demo-c', 'demo', { perMinute: 30 });
    await t.cursors.save('demo-c', { cursor: { last: Date.now() }, savedAt: 1 });
    const s = await t.runner.run({ source: demo, since: Date.now() - 10 * 60_000 });
    expect(s.new).toBeGreaterThan(20);
    expect((await t.cursors.load('demo-c'))?.savedAt).toBe(1);
  });
});
