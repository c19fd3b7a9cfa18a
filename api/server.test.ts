import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../config/load.ts';
import { FakeClock } from '../core/clock.ts';
import { writeEvents } from '../core/events.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import { createRedis } from '../core/redis/connection.ts';
import { createCareQueue, type CareQueue } from '../care/queue.ts';
import { classified } from '../care/testing/mentions.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { createAuth, type Role } from './auth.ts';
import { createApiServer, CSP } from './server.ts';
import { TestAlerts } from './testing/alerts.ts';
import { insertMentions } from './testing/fixtures.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let redis: TestRedis;
let ch: TestStore;

beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
});
afterAll(async () => {
  await redis?.stop();
  await ch?.cleanup();
});

interface Env {
  app: FastifyInstance;
  care: CareQueue;
  alerts: TestAlerts;
  clock: FakeClock;
  tokens: Record<Role, string>;
  as(role: Role): { authorization: string };
}

async function env(opts: { api?: Record<string, unknown>; withAlerts?: boolean } = {}): Promise<Env> {
  const clock = new FakeClock(T0);
  const prefix = redis.prefix();
  const config = buildConfig({ brands: [{ name: 'Acme', query: 'acme' }], sources: [], api: opts.api ?? {} }, 'test.yaml');
  const r = redis.connect();
  const care = createCareQueue({ config, redis: r, store: ch.store, clock, prefix, logger: silentLogger });
  const alerts = new TestAlerts(() => clock.now());
  const app = await createApiServer({
    config, store: ch.store, redis: r, prefix, metrics: new Metrics(), clock, logger: silentLogger, care,
    ...(opts.withAlerts === false ? {} : { alerts }),
  });
  const auth = createAuth({ redis: r, prefix, clock });
  const tokens = {} as Record<Role, string>;
  for (const role of ['agent', 'supervisor', 'comms', 'admin', 'read-only'] as const) tokens[role] = (await auth.create(`${role}-user`, role)).token;
  return { app, care, alerts, clock, tokens, as: (role) => ({ authorization: `Bearer ${tokens[role]}` }) };
}

async function firstItem(e: Env, id = 'm1'): Promise<string> {
  await e.care.ingest([classified({ id }, T0)]);
  const list = await e.care.list();
  return list.items.find((i) => i.mentions[0]!.id === `reddit:${id}`)!.id;
}

describe('api: health, metrics, openapi, web', () => {
  it('GET /healthz answers 200 with store and redis ok', async () => {
    const { app } = await env();
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', store: 'ok', redis: 'ok' });
  });

  it('GET /healthz answers 503 when Redis is down', async () => {
    const config = buildConfig({ sources: [] }, 'test.yaml');
    const dead = createRedis('redis://127.0.0.1:1', { lazyConnect: true });
    dead.on('error', () => {});
    const app = await createApiServer({ config, store: ch.store, redis: dead, prefix: 'x', metrics: new Metrics(), clock: new FakeClock(T0), logger: silentLogger, care: {} as CareQueue });
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', store: 'ok' });
    dead.disconnect();
  });

  it('GET /metrics is Prometheus text with request counts and care queue depths', async () => {
    const e = await env();
    await firstItem(e);
    await e.app.inject({ url: '/api/care/items', headers: e.as('agent') });
    const res = await e.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/earshot_api_requests_total\{route="\/api\/care\/items",method="GET",status="200"\} 1/);
    expect(res.body).toMatch(/earshot_care_open_items 1/);
  });

  it('GET /openapi.json describes every route with its permission', async () => {
    const { app } = await env();
    const doc = (await app.inject({ url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/silences']?.post?.['x-permission']).toBe('alerts:silence');
    const routes = app.printRoutes({ commonPrefix: false });
    for (const path of Object.keys(doc.paths)) expect(routes).toContain(path.replace(/\{(\w+)\}/g, ':$1').split('/').pop());
  });

  it('serves the web page and uPlot with a strict CSP and no inline code', async () => {
    const { app } = await env();
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).not.toContain('unsafe');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\sstyle=|<style/);
    expect(page.body).not.toMatch(/\son[a-z]+=/);
    for (const url of ['/app.js', '/style.css', '/vendor/uplot.js', '/vendor/uplot.css']) expect((await app.inject({ url })).statusCode, url).toBe(200);
  });
});

describe('api: auth, roles, limits, validation', () => {
  it('401 without or with a wrong token; the secret is compared, not just the id', async () => {
    const e = await env();
    const none = await e.app.inject({ url: '/api/care/items' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const forged = e.tokens.agent.slice(0, -4) + 'AAAA';
    expect((await e.app.inject({ url: '/api/care/items', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
    expect((await e.app.inject({ url: '/api/me', headers: e.as('comms') })).json()).toMatchObject({ name: 'comms-user', role: 'comms' });
  });

  it('read-only cannot claim; an agent cannot silence alerts or reassign', async () => {
    const e = await env();
    const id = await firstItem(e);
    const ro = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/claim`, headers: e.as('read-only') });
    expect(ro.statusCode).toBe(403);
    expect(ro.json()).toMatchObject({ error: 'forbidden' });
    const silence = await e.app.inject({
      method: 'POST', url: '/api/silences', headers: e.as('agent'),
      payload: { matchers: [{ name: 'brand', op: '=', value: 'Acme' }], duration: '1h', comment: 'planned launch' },
    });
    expect(silence.statusCode).toBe(403);
    expect(e.alerts.silences.size).toBe(0);
    expect((await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/reassign`, headers: e.as('agent'), payload: { to: 'x' } })).statusCode).toBe(403);
    expect((await e.care.get(id))?.state).toBe('new');
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    const e = await env({ api: { rateLimitPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await e.app.inject({ url: '/api/care/items', headers: e.as('agent') })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await e.app.inject({ url: '/api/care/items', headers: e.as('agent') });
    expect(Number(limited.headers['retry-after'])).toBe(60);
    // Another token has its own budget; the next minute starts afresh.
    expect((await e.app.inject({ url: '/api/care/items', headers: e.as('supervisor') })).statusCode).toBe(200);
    await e.clock.advance(60_000);
    expect((await e.app.inject({ url: '/api/care/items', headers: e.as('agent') })).statusCode).toBe(200);
  });

  it('caps request bodies (413) and names bad fields (400)', async () => {
    const e = await env();
    const id = await firstItem(e);
    const big = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/resolve`, headers: e.as('agent'), payload: { note: 'x'.repeat(70_000) } });
    expect(big.statusCode).toBe(413);
    const noReason = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/dismiss`, headers: e.as('agent'), payload: {} });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toEqual({ error: 'invalid_request', message: 'the request has invalid fields', fields: { reason: 'required when dismissing' } });
    const unknown = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/resolve`, headers: e.as('agent'), payload: { note: 'ok', color: 'red' } });
    expect(unknown.json()).toMatchObject({ fields: { color: 'unknown field' } });
    const badState = await e.app.inject({ url: '/api/care/items?state=open,new', headers: e.as('agent') });
    expect(badState.json()).toMatchObject({ error: 'invalid_request', fields: { state: expect.stringContaining('unknown state "open"') } });
    expect((await e.care.get(id))?.state).toBe('new');
  });
});

describe('api: care queue', () => {
  it('lists with filters and paging, gets one, and walks claim → respond → resolve', async () => {
    const e = await env();
    await e.care.ingest([classified({ id: 'a', source: 'mastodon' }, T0), classified({ id: 'b', intent: 'question' }, T0), classified({ id: 'c', language: 'de' }, T0)]);
    const all = (await e.app.inject({ url: '/api/care/items?limit=2', headers: e.as('read-only') })).json() as { items: Array<{ id: string; priority: number }>; total: number };
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]!.priority).toBeGreaterThanOrEqual(all.items[1]!.priority);
    const page2 = (await e.app.inject({ url: '/api/care/items?limit=2&offset=2', headers: e.as('read-only') })).json() as { items: unknown[] };
    expect(page2.items).toHaveLength(1);
    const de = (await e.app.inject({ url: '/api/care/items?language=de', headers: e.as('agent') })).json() as { items: Array<{ id: string }> };
    expect(de.items).toHaveLength(1);
    const q = (await e.app.inject({ url: '/api/care/items?intent=question', headers: e.as('agent') })).json() as { total: number };
    expect(q.total).toBe(1);
    const id = de.items[0]!.id;
    expect((await e.app.inject({ url: `/api/care/items/${id}`, headers: e.as('agent') })).json()).toMatchObject({ id, language: 'de' });
    expect((await e.app.inject({ url: '/api/care/items/nope', headers: e.as('agent') })).statusCode).toBe(404);

    const claim = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/claim`, headers: e.as('agent') });
    expect(claim.json()).toMatchObject({ state: 'claimed', claimedBy: 'agent-user' });
    expect((await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/claim`, headers: e.as('supervisor') })).statusCode).toBe(409);
    expect((await e.app.inject({ url: '/api/care/items?claimedBy=agent-user', headers: e.as('agent') })).json()).toMatchObject({ total: 1 });
    const resp = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/respond`, headers: e.as('agent'), payload: { note: 'replied' } });
    expect(resp.json()).toMatchObject({ state: 'responded', note: 'replied' });
    const res = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/resolve`, headers: e.as('agent') });
    expect(res.json()).toMatchObject({ state: 'resolved', closedBy: 'agent-user' });
    expect((await e.app.inject({ url: '/api/care/items?state=resolved', headers: e.as('agent') })).json()).toMatchObject({ total: 1 });
    expect((await e.app.inject({ url: '/api/care/stats', headers: e.as('agent') })).json()).toMatchObject({ open: 2 });
  });

  it('dismisses with a reason, snoozes, and lets a supervisor reassign and act on others\' claims', async () => {
    const e = await env();
    const id = await firstItem(e, 'x1');
    const id2 = await firstItem(e, 'x2');
    const d = await e.app.inject({ method: 'POST', url: `/api/care/items/${id}/dismiss`, headers: e.as('agent'), payload: { reason: 'troll' } });
    expect(d.json()).toMatchObject({ state: 'dismissed', dismissReason: 'troll' });
    const s = await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/snooze`, headers: e.as('agent'), payload: { for: '30m' } });
    expect(s.json()).toMatchObject({ snoozedUntil: T0 + 30 * 60_000 });
    expect((await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/snooze`, headers: e.as('agent'), payload: { for: 'soon' } })).json()).toMatchObject({ fields: { for: expect.stringContaining('not a duration') } });
    expect((await e.app.inject({ url: '/api/care/items', headers: e.as('agent') })).json()).toMatchObject({ total: 0 });
    expect((await e.app.inject({ url: '/api/care/items?snoozed=true', headers: e.as('agent') })).json()).toMatchObject({ total: 1 });
    await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/claim`, headers: e.as('agent') });
    const r = await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/reassign`, headers: e.as('supervisor'), payload: { to: 'dora' } });
    expect(r.json()).toMatchObject({ claimedBy: 'dora', state: 'claimed' });
    // The agent no longer owns it; the supervisor may still close it.
    expect((await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/resolve`, headers: e.as('agent') })).statusCode).toBe(403);
    expect((await e.app.inject({ method: 'POST', url: `/api/care/items/${id2}/resolve`, headers: e.as('supervisor') })).json()).toMatchObject({ state: 'resolved' });
  });
});

describe('api: alerts, silences, ack links', () => {
  it('answers 503 with a clear message when alerting is absent', async () => {
    const e = await env({ withAlerts: false });
    const res = await e.app.inject({ url: '/api/alerts', headers: e.as('comms') });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'alerts_unavailable' });
  });

  it('lists, gets with sample mentions, acks and resolves by role', async () => {
    const e = await env();
    await insertMentions(ch.store, [{ id: 'reddit:sample1', brand: 'Samples', at: T0, text: 'Acme is down again' }]);
    e.alerts.add({ id: 'al1', explanation: { observed: 9, expected: 2, band: [0, 4], score: 0.9, windowStart: '', windowEnd: '', topTerms: ['down'], sampleMentionIds: ['reddit:sample1'] } });
    e.alerts.add({ id: 'al2', severity: 'warning' });
    expect((await e.app.inject({ url: '/api/alerts?severity=warning', headers: e.as('read-only') })).json()).toMatchObject({ total: 1 });
    const one = (await e.app.inject({ url: '/api/alerts/al1', headers: e.as('read-only') })).json() as { samples: Array<{ text: string }> };
    expect(one.samples.map((s) => s.text)).toEqual(['Acme is down again']);
    expect((await e.app.inject({ url: '/api/alerts/none', headers: e.as('agent') })).statusCode).toBe(404);
    expect((await e.app.inject({ method: 'POST', url: '/api/alerts/al1/ack', headers: e.as('read-only') })).statusCode).toBe(403);
    expect((await e.app.inject({ method: 'POST', url: '/api/alerts/al1/ack', headers: e.as('agent') })).json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'agent-user' });
    expect((await e.app.inject({ method: 'POST', url: '/api/alerts/al1/resolve', headers: e.as('agent') })).statusCode).toBe(403);
    expect((await e.app.inject({ method: 'POST', url: '/api/alerts/al1/resolve', headers: e.as('comms') })).json()).toMatchObject({ status: 'resolved' });
    const again = await e.app.inject({ method: 'POST', url: '/api/alerts/al1/ack', headers: e.as('comms') });
    expect(again.statusCode).toBe(409);
  });

  it('creates, lists and expires silences, validating every field', async () => {
    const e = await env();
    const bad = await e.app.inject({ method: 'POST', url: '/api/silences', headers: e.as('comms'), payload: { matchers: [{ name: 'kind', op: '=~', value: '(' }], comment: '' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys((bad.json() as { fields: object }).fields).sort()).toEqual(['comment']);
    const bad2 = await e.app.inject({ method: 'POST', url: '/api/silences', headers: e.as('comms'), payload: { matchers: [{ name: 'kind', op: '=~', value: '(' }], comment: 'x' } });
    expect((bad2.json() as { fields: object }).fields).toMatchObject({ 'matchers.0.value': 'not a valid regular expression', endsAt: expect.any(String) });
    const ok = await e.app.inject({ method: 'POST', url: '/api/silences', headers: e.as('comms'), payload: { matchers: [{ name: 'brand', value: 'Acme' }], duration: '2h', comment: 'launch day' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ createdBy: 'comms-user', endsAt: new Date(T0 + 7_200_000).toISOString(), matchers: [{ name: 'brand', op: '=', value: 'Acme' }] });
    const id = (ok.json() as { id: string }).id;
    expect((await e.app.inject({ url: '/api/silences', headers: e.as('agent') })).json()).toMatchObject({ items: [{ id }] });
    expect((await e.app.inject({ method: 'DELETE', url: `/api/silences/${id}`, headers: e.as('agent') })).statusCode).toBe(403);
    expect((await e.app.inject({ method: 'DELETE', url: `/api/silences/${id}`, headers: e.as('supervisor') })).statusCode).toBe(204);
    expect(e.alerts.silences.get(id)?.endsAt).toBe(new Date(T0).toISOString());
  });

  it('GET /a/<token> only shows a confirm page; POST acknowledges; forged links are refused', async () => {
    const e = await env();
    e.alerts.add({ id: 'al9', title: '<script>alert(1)</script> spike' });
    e.alerts.links.set('good-token', { alertId: 'al9', action: 'ack', actor: 'oncall@acme' });
    const get = await e.app.inject({ url: '/a/good-token' });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('<form method="post" action="/a/good-token">');
    expect(get.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; spike');
    expect(get.body).not.toContain('<script>');
    expect(e.alerts.alerts.get('al9')?.status).toBe('firing');
    const post = await e.app.inject({ method: 'POST', url: '/a/good-token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(post.statusCode).toBe(200);
    expect(e.alerts.alerts.get('al9')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'oncall@acme' });
    expect((await e.app.inject({ url: '/a/forged' })).statusCode).toBe(404);
    expect((await e.app.inject({ method: 'POST', url: '/a/forged' })).statusCode).toBe(404);
  });
});

describe('api: brands', () => {
  it('lists brands and serves 24 h / 7 d series from mentions_1m with alert markers', async () => {
    const e = await env();
    const base = T0 - 3_600_000;
    await insertMentions(ch.store, [
      { id: 'reddit:b1', brand: 'Acme', at: base + 60_000, label: 'negative', score: -0.8 },
      { id: 'reddit:b2', brand: 'Acme', at: base + 120_000, label: 'positive', score: 0.4 },
      { id: 'reddit:b3', brand: 'Acme', at: base - 2 * 86_400_000 },
      { id: 'reddit:other', brand: 'Other', at: base },
    ]);
    await writeEvents(ch.store, [{ at: base + 300_000, kind: 'alert', type: 'fired', entityId: 'al5', brand: 'Acme', severity: 'crisis', data: { kind: 'negative_share', title: 'Anger spike' } }]);
    const list = (await e.app.inject({ url: '/api/brands', headers: e.as('read-only') })).json();
    expect(list).toEqual({ items: [{ name: 'Acme', mentions24h: 2 }] });
    const day = (await e.app.inject({ url: '/api/brands/Acme/overview', headers: e.as('read-only') })).json() as {
      series: Array<{ t: number; mentions: number; negative: number; sentiment: number | null }>; alerts: unknown[]; bucketSeconds: number;
    };
    expect(day, JSON.stringify(day).slice(0, 300)).toHaveProperty('bucketSeconds', 600);
    expect(day.series).toHaveLength(144);
    const hit = day.series.filter((p) => p.mentions > 0);
    expect(hit).toEqual([{ t: (base + 0) / 1000, mentions: 2, negative: 1, sentiment: -0.2 }]);
    expect(day.alerts).toEqual([{ at: new Date(base + 300_000).toISOString(), alertId: 'al5', severity: 'crisis', kind: 'negative_share', title: 'Anger spike' }]);
    const week = (await e.app.inject({ url: '/api/brands/Acme/overview?range=7d', headers: e.as('agent') })).json() as { series: Array<{ mentions: number }> };
    expect(week.series).toHaveLength(168);
    expect(week.series.reduce((s, p) => s + p.mentions, 0)).toBe(3);
    expect((await e.app.inject({ url: '/api/brands/Nope/overview', headers: e.as('agent') })).statusCode).toBe(404);
    expect((await e.app.inject({ url: '/api/brands/Acme/overview?range=1y', headers: e.as('agent') })).json()).toMatchObject({ fields: { range: expect.any(String) } });
  });
});
