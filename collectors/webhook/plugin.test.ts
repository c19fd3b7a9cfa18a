import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Readable } from 'node:stream';
import { Queue } from 'bullmq';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../api/server.ts';
import { buildConfig } from '../../config/load.ts';
import { FakeClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { QUEUE, type CollectJob, type MentionBatchJob } from '../../core/queues.ts';
import { Pipeline } from '../../pipeline/pipeline.ts';
import { mentionsQueue } from '../../pipeline/queue.ts';
import { startTestRedis, type TestRedis } from '../../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../../test/helpers/store.ts';
import { startScheduler } from '../scheduler.ts';
import { testDeps } from '../search-testkit.ts';
import { createLogger } from '../../core/logger.ts';
import { webhookIngest } from './plugin.ts';
import { sign } from './signature.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const SECRET = 'partner-secret-0123456789';
let redis: TestRedis;
let ch: TestStore;

beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  await ch?.cleanup();
});

interface Env {
  app: FastifyInstance;
  clock: FakeClock;
  queue: Queue<MentionBatchJob>;
  jobs(): Promise<MentionBatchJob[]>;
  push(body: string | Buffer, o?: { ts?: number; secret?: string; type?: string; path?: string; sig?: string }): Promise<LightMyRequestResponse>;
}

async function env(): Promise<Env> {
  const clock = new FakeClock(T0);
  const prefix = redis.prefix();
  const config = buildConfig({
    brands: [{ name: 'Acme', query: 'acme' }],
    sources: [
      { name: 'partner', type: 'webhook', options: { secret: SECRET, maxBodyBytes: 4096, maxItems: 50 } },
      { name: 'rss-news', type: 'rss', options: { urls: ['https://example.com/feed.xml'] } },
    ],
  }, 'test.yaml');
  const r = redis.connect();
  const app = await createApiServer({ config, store: ch.store, redis: r, prefix, metrics: new Metrics(), clock, logger: silentLogger, plugins: [webhookIngest()] });
  const queue = mentionsQueue(redis.connect(), prefix);
  return {
    app, clock, queue,
    jobs: async () => (await queue.getJobs(['waiting', 'active', 'delayed'])).map((j) => j.data),
    push: (body, o = {}) => {
      const ts = String(o.ts ?? Math.floor(clock.now() / 1000));
      return app.inject({
        method: 'POST', url: o.path ?? '/ingest/partner', payload: body,
        headers: { 'content-type': o.type ?? 'application/json', 'x-earshot-timestamp': ts, 'x-earshot-signature': o.sig ?? sign(o.secret ?? SECRET, ts, body) },
      });
    },
  };
}

const mention = (id: string, extra: Record<string, unknown> = {}) => ({ id, text: `Acme ${id} 😀`, publishedAt: '2026-03-02T09:59:00Z', ...extra });

describe('webhook ingest: POST /ingest/<source>', () => {
  it('a signed array is queued as webhook:<name> and answered 202 with counts; bad items are dead-lettered with reasons', async () => {
    const e = await env();
    const body = JSON.stringify([mention('a1'), mention('a2', { source: 'partner-x', rating: 4 }), { id: 'a3', text: 'no date' }]);
    const res = await e.push(body);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ source: 'partner', received: 3, accepted: 2, rejected: 1, errors: [{ index: 2, reason: expect.stringContaining('publishedAt') }] });
    const jobs = await e.jobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ source: 'webhook:partner', receivedAt: T0, items: [{ id: 'a1', source: 'partner' }, { id: 'a2', source: 'partner-x' }] });
    expect(jobs[0]?.rejects?.[0]?.reason).toMatch(/^item 2: publishedAt/);
    await e.app.close();
  });

  it('JSONL and a single object are accepted', async () => {
    const e = await env();
    const jsonl = `${JSON.stringify(mention('l1'))}\n\n${JSON.stringify(mention('l2'))}\n`;
    expect((await e.push(jsonl, { type: 'application/x-ndjson' })).json()).toMatchObject({ accepted: 2 });
    expect((await e.push(JSON.stringify(mention('o1')))).json()).toMatchObject({ accepted: 1 });
    expect((await e.jobs()).flatMap((j) => j.items).length).toBe(3);
    await e.app.close();
  });

  it.each([
    ['a bad signature', (e: Env) => e.push(JSON.stringify([mention('x')]), { secret: 'wrong-secret-0123456789' }), 401, 'bad_signature'],
    ['no signature', (e: Env) => e.push('[]', { sig: '' }), 401, 'missing_signature'],
    ['an old timestamp (6 min)', (e: Env) => e.push(JSON.stringify([mention('x')]), { ts: Math.floor(T0 / 1000) - 360 }), 401, 'stale_timestamp'],
    ['a body over maxBodyBytes', (e: Env) => e.push(JSON.stringify([mention('x', { text: 'y'.repeat(5000) })])), 413, 'body_too_large'],
    ['more than maxItems', (e: Env) => e.push(JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ i })))), 413, 'too_many_items'],
    ['an unknown source', (e: Env) => e.push('[]', { path: '/ingest/nope' }), 404, 'not_found'],
    ['a polled source', (e: Env) => e.push('[]', { path: '/ingest/rss-news' }), 404, 'not_found'],
  ])('%s → refused with a clear 4xx, nothing queued', async (_why, send, status, code) => {
    const e = await env();
    const res = await send(e);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: code, message: expect.any(String) });
    expect(await e.jobs()).toEqual([]);
    await e.app.close();
  });

  it('a chunked body without Content-Length is cut off at maxBodyBytes on a real listener (413)', async () => {
    const e = await env();
    await e.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = e.app.server.address() as { port: number };
    const ts = String(Math.floor(T0 / 1000));
    const big = JSON.stringify([mention('big', { text: 'z'.repeat(10_000) })]);
    const res = await request(`http://127.0.0.1:${port}/ingest/partner`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-earshot-timestamp': ts, 'x-earshot-signature': sign(SECRET, ts, big) },
      // A stream makes undici send it chunked, so only the read-side cap can stop it.
      body: Readable.from((function* () {
        for (let i = 0; i < big.length; i += 1000) yield Buffer.from(big.slice(i, i + 1000));
      })()),
    });
    expect(res.statusCode).toBe(413);
    expect(await res.body.json()).toMatchObject({ error: 'body_too_large', message: expect.stringContaining('4096 bytes') });
    expect(await e.jobs()).toEqual([]);
    await e.app.close();
  });

  it('a body without content-type is read as JSON', async () => {
    const e = await env();
    const body = JSON.stringify([mention('nt1')]);
    const ts = String(Math.floor(T0 / 1000));
    const res = await e.app.inject({ method: 'POST', url: '/ingest/partner', payload: Buffer.from(body), headers: { 'x-earshot-timestamp': ts, 'x-earshot-signature': sign(SECRET, ts, body) } });
    expect([res.statusCode, res.json()]).toEqual([202, expect.objectContaining({ accepted: 1 })]);
    await e.app.close();
  });

  it('says how stale a timestamp is', async () => {
    const e = await env();
    const res = await e.push('[]', { ts: Math.floor(T0 / 1000) - 360 });
    expect(res.json().message).toContain('360 s old; allowed ±300 s');
    await e.app.close();
  });

  it('malformed JSON → 400 naming the line, nothing queued', async () => {
    const e = await env();
    const jsonl = `${JSON.stringify(mention('ok'))}\n{"id": "b", "text": oops}\n`;
    const res = await e.push(jsonl, { type: 'application/x-ndjson' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_json', message: expect.stringMatching(/^line 2 is not JSON/) });
    const res2 = await e.push('[\n{"id": 1},\n{"id": 2,,}\n]');
    expect(res2.json().message).toMatch(/^line 3 is not JSON/);
    expect(await e.jobs()).toEqual([]);
    await e.app.close();
  });

  it('the identical request replayed inside the window → 409, queued once', async () => {
    const e = await env();
    const body = JSON.stringify([mention('r1')]);
    const ts = Math.floor(T0 / 1000);
    expect((await e.push(body, { ts })).statusCode).toBe(202);
    e.clock.set(T0 + 60_000);
    const again = await e.push(body, { ts });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'replayed' });
    expect((await e.jobs()).length).toBe(1);
    // The same content signed afresh is a new request (the pipeline dedupes the mention itself).
    expect((await e.push(body)).statusCode).toBe(202);
    await e.app.close();
  });

  it('two identical requests at once queue the same jobs once', async () => {
    const e = await env();
    const body = JSON.stringify([mention('c1')]);
    const ts = Math.floor(T0 / 1000);
    const [a, b] = await Promise.all([e.push(body, { ts }), e.push(body, { ts })]);
    for (const r of [a, b]) expect([202, 409]).toContain(r.statusCode);
    expect((await e.jobs()).length).toBe(1);
    await e.app.close();
  });
});

describe('webhook ingest → pipeline → ClickHouse', () => {
  it('stores the good items of a good push and nothing from refused pushes', async () => {
    const e = await env();
    const good = JSON.stringify([mention('e2e-1'), mention('e2e-2', { author: { name: 'Jane <script>' } }), { id: 'e2e-bad', text: 'no date' }]);
    expect((await e.push(good)).statusCode).toBe(202);
    const refused = [
      await e.push(JSON.stringify([mention('e2e-sig')]), { secret: 'wrong-secret-0123456789' }),
      await e.push(JSON.stringify([mention('e2e-old')]), { ts: Math.floor(T0 / 1000) - 3600 }),
      await e.push(JSON.stringify([mention('e2e-big', { text: 'y'.repeat(5000) })])),
      await e.push(good),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([401, 401, 413, 409]);
    const config = buildConfig({ brands: [{ name: 'Acme', query: 'acme' }] }, 'test.yaml');
    const pipeline = new Pipeline({ config, store: ch.store, redis: redis.connect(), prefix: redis.prefix(), clock: e.clock, logger: silentLogger, metrics: new Metrics() });
    for (const job of await e.queue.getJobs(['waiting'])) await pipeline.process(job.data, String(job.id));
    const stored = await ch.store.query<{ id: string; source: string }>("SELECT id, source FROM mentions WHERE native_id LIKE 'e2e-%' ORDER BY id");
    expect(stored).toEqual([{ id: 'partner:e2e-1', source: 'partner' }, { id: 'partner:e2e-2', source: 'partner' }]);
    const dead = await ch.store.query<{ reason: string }>("SELECT reason FROM dead_letters WHERE payload LIKE '%e2e-bad%'");
    expect(dead.map((d) => d.reason)).toEqual([expect.stringMatching(/^item 2: publishedAt/)]);
    await e.app.close();
  });
});

describe('webhook sources are push sources', () => {
  it('the scheduler never schedules them', async () => {
    const config = buildConfig({
      brands: [{ name: 'Acme', query: 'acme' }],
      sources: [
        { name: 'partner', type: 'webhook', options: { secret: SECRET } },
        { name: 'rss-news', type: 'rss', options: { urls: ['https://example.com/feed.xml'] } },
      ],
    }, 'test.yaml');
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (l) => lines.push(l) });
    const queue = new Queue<CollectJob>(QUEUE.collect, { connection: redis.connect(), prefix: redis.prefix() });
    const s = startScheduler({ sources: config.sources, queue, logger, metrics: new Metrics() });
    await s.stop();
    await queue.close();
    const started = lines.map((l) => JSON.parse(l) as { msg?: string; sources?: string[] }).find((l) => l.sources);
    expect(started?.sources).toEqual(['rss-news (*/5 * * * *)']);
  });

  it('polling one fails clearly instead of fetching', async () => {
    const { default: webhook } = await import('./index.ts');
    const c = webhook.create(webhook.options.parse({ secret: SECRET }), testDeps('partner').deps);
    await expect(c.collect({ cursor: null, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'push_source', message: expect.stringContaining('/ingest/partner') });
  });
});
