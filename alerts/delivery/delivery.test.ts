import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.ts';
import { startTestRedis, type TestRedis } from '../../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../../test/helpers/store.ts';
import { waitFor } from '../../test/helpers/wait.ts';
import { createAlerter } from '../alerter.ts';
import { alertsSchema } from '../config.ts';
import { candidate } from '../testing/harness.ts';
import { signBody } from '../receivers/webhook/index.ts';

/**
 * Durable delivery against a real BullMQ queue on real Redis and a real HTTP
 * server on 127.0.0.1: the webhook answers 500 for its first 12 requests (an
 * outage; backoff is shrunk to milliseconds so it passes quickly), then recovers.
 */
let r: TestRedis;
let st: TestStore;
let server: Server;
let url = '';
const received: Array<{ key: string; seq: number; orderKey: string; statuses: string[]; ok: boolean; signed: boolean }> = [];
let failuresLeft = 12;

beforeAll(async () => {
  r = await startTestRedis();
  st = await openTestStore();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/gone') {
        res.writeHead(410).end('gone');
        return;
      }
      const n = JSON.parse(body) as { key: string; seq: number; orderKey: string; alerts: Array<{ status: string }> };
      const ts = Number(req.headers['x-earshot-timestamp']);
      const signed = req.headers['x-earshot-signature'] === signBody('s3cret', ts, body);
      const ok = failuresLeft-- <= 0;
      received.push({ key: n.key, seq: n.seq, orderKey: n.orderKey, statuses: n.alerts.map((a) => a.status), ok, signed });
      res.writeHead(ok ? 200 : 500).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await r.stop();
  await st.cleanup();
});

it('an outage loses nothing: every notification arrives once, in order; a 410 is given up with an ops event', async () => {
  const config = alertsSchema.parse({
    receivers: [
      { name: 'hook', type: 'webhook', url: `${url}/hook`, secret: 's3cret' },
      { name: 'gone', type: 'webhook', url: `${url}/gone` },
    ],
    route: { receiver: 'hook', group_wait: '30s', group_interval: '1m', routes: [{ matchers: ['brand="Zeta"'], receiver: 'gone' }] },
    monitor: { resolve_after: '6h' },
    delivery: { attempts: 40, backoff: '20ms', max_backoff: '100ms' },
  });
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  const prefix = r.prefix();
  const alerter = createAlerter({ config, clock, redis: r.connect(), bullConnection: r.connect(), store: st.store, deliver: true, prefix, linkSecret: 'k' });
  const step = async (ms: number) => {
    await clock.advance(ms);
    await alerter.tick();
  };
  try {
    const a = await alerter.engine.submit(candidate('Acme', 'negative_share', 'warning'));
    await alerter.engine.submit(candidate('Beta', 'volume_spike', 'warning'));
    await alerter.engine.submit(candidate('Zeta', 'volume_spike', 'warning'));
    await step(30_000); // first notifications: Acme, Beta, Zeta
    await alerter.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await step(60_000); // Acme again: severity rose
    await alerter.engine.resolve(a.id, 'alice');
    await step(60_000); // Acme resolved
    await step(60_000); // nothing new: no notification

    const delivered = () => received.filter((x) => x.ok);
    await waitFor(() => delivered().length === 4, 30_000);
    const keys = delivered().map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(received.some((x) => !x.ok)).toBe(true);
    expect(received.every((x) => x.signed)).toBe(true);
    const acme = delivered().filter((x) => x.orderKey.includes('brand=Acme'));
    expect(acme.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(acme.map((x) => x.statuses[0])).toEqual(['firing', 'firing', 'resolved']);

    const ops = await waitFor(async () => {
      await alerter.flush();
      const rows = await st.store.query<{ type: string; entity_id: string }>(
        "SELECT type, entity_id FROM events WHERE kind = 'ops' AND type = 'delivery_permanent_failure'",
      );
      return rows.length ? rows : null;
    }, 30_000);
    expect(ops?.[0]?.entity_id).toBe('gone');
    const history = await st.store.query<{ type: string }>("SELECT type FROM events FINAL WHERE kind = 'alert' AND entity_id = {id:String} ORDER BY at", { id: a.id });
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['fired', 'notified', 'escalated', 'resolved']));
    const sent = await st.store.query<{ n: string }>("SELECT count() AS n FROM events FINAL WHERE kind = 'delivery' AND type = 'sent'");
    expect(Number(sent[0]?.n)).toBe(4);
  } finally {
    await alerter.stop();
  }
}, 90_000);
