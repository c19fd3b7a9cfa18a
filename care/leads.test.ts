import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { waitFor } from '../test/helpers/wait.ts';
import { careSchema } from './config.ts';
import { createLeadHandoff, type LeadPayload } from './leads.ts';
import { createCareQueue } from './queue.ts';
import { classified } from './testing/mentions.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let redis: TestRedis;
let ch: TestStore;
let crm: Server;
let crmUrl = '';
/** What the fake CRM answers, in order; then 200. */
let answers: number[] = [];
const received: Array<{ body: LeadPayload; auth: string | undefined }> = [];

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });
}

beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
  crm = createServer(async (req, res) => {
    const status = answers.shift() ?? 200;
    const text = await body(req);
    if (status === 200) received.push({ body: JSON.parse(text) as LeadPayload, auth: req.headers.authorization });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/leads`;
});
afterAll(async () => {
  await new Promise((r) => crm?.close(r));
  await redis?.stop();
  await ch?.cleanup();
});

async function events(type: string) {
  return ch.store.query<{ entity_id: string; data: string }>(`SELECT entity_id, data FROM events FINAL WHERE kind = 'care' AND type = {t:String}`, { t: type });
}

describe('lead hand-off to sales', () => {
  it('posts each lead once with the mention and the author profile link, retrying through a 503', async () => {
    answers = [503];
    const clock = new FakeClock(T0);
    const prefix = redis.prefix();
    const config = { care: careSchema.parse({ leads: { url: crmUrl, headers: { authorization: 'Bearer crm-secret' } } }) };
    const leads = createLeadHandoff({ config, redis: redis.connect(), prefix, store: ch.store, clock, logger: silentLogger, backoffMs: 20 });
    const queue = createCareQueue({ config, redis: redis.connect(), store: ch.store, clock, prefix, logger: silentLogger, leads });
    const lead = classified({ id: 'buy1', intent: 'lead', author: 'kim', text: 'Which Acme plan should I buy for 20 people?' }, T0);
    const r = await queue.ingest([lead, classified({ id: 'c1' }, T0), lead]);
    expect(r).toMatchObject({ leads: 2, created: 2, duplicates: 1 });
    leads.startWorker(redis.connect());
    try {
      await waitFor(async () => (await events('handed_to_sales')).length === 1);
    } finally {
      await leads.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.auth).toBe('Bearer crm-secret');
    expect(received[0]!.body).toMatchObject({
      type: 'earshot.lead', brand: 'Acme', confidence: 0.9,
      mention: { id: 'reddit:buy1', text: 'Which Acme plan should I buy for 20 people?', url: 'https://example.org/post/buy1' },
      author: { name: 'kim', profileUrl: 'https://www.reddit.com/user/kim' },
    });
    expect(JSON.parse((await events('handed_to_sales'))[0]!.data)).toMatchObject({ status: 200, attempts: 2 });
  });

  it('gives up at once on a 4xx rejection and records it', async () => {
    answers = [422];
    received.length = 0;
    const clock = new FakeClock(T0);
    const config = { care: careSchema.parse({ leads: { url: crmUrl } }) };
    const leads = createLeadHandoff({ config, redis: redis.connect(), prefix: redis.prefix(), store: ch.store, clock, logger: silentLogger, backoffMs: 20 });
    expect(await leads.offer(classified({ id: 'buy2', intent: 'lead' }, T0))).toBe(true);
    expect(await leads.offer(classified({ id: 'nolead' }, T0))).toBe(false);
    leads.startWorker(redis.connect());
    try {
      await waitFor(async () => (await events('handoff_failed')).length === 1);
    } finally {
      await leads.close();
    }
    expect(received).toHaveLength(0);
    expect(JSON.parse((await events('handoff_failed'))[0]!.data).error).toContain('HTTP 422');
  });
});
