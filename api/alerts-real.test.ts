import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlerter } from '../alerts/alerter.ts';
import { alertsSchema } from '../alerts/config.ts';
import { signLink } from '../alerts/links.ts';
import { candidate } from '../alerts/testing/harness.ts';
import { buildConfig } from '../config/load.ts';
import { FakeClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { Metrics } from '../core/metrics.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../test/helpers/store.ts';
import { createAuth } from './auth.ts';
import { createApiServer } from './server.ts';

/** The alert routes and signed links over the alerting module's real AlertService (engine + Redis state). */
const T0 = Date.parse('2026-03-02T10:00:00Z');
const SECRET = 'test-link-secret-0123456789abcdef';
let redis: TestRedis;
let ch: TestStore;

beforeAll(async () => {
  [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
});
afterAll(async () => {
  await redis?.stop();
  await ch?.cleanup();
});

describe('api over the real AlertService', () => {
  it('lists, acknowledges through the API, and resolves through a signed link (GET confirms, POST acts)', async () => {
    const clock = new FakeClock(T0);
    const prefix = redis.prefix();
    const r = redis.connect();
    const alerter = createAlerter({ config: alertsSchema.parse({}), clock, redis: r, store: ch.store, deliver: false, prefix, linkSecret: SECRET, logger: silentLogger });
    const config = buildConfig({ brands: [{ name: 'Acme', query: 'acme' }], sources: [] }, 'test.yaml');
    const app = await createApiServer({ config, store: ch.store, redis: r, prefix, metrics: new Metrics(), clock, logger: silentLogger, alerts: alerter.service });
    const auth = createAuth({ redis: r, prefix, clock });
    const agent = { authorization: `Bearer ${(await auth.create('ana', 'agent')).token}` };
    try {
      const a1 = await alerter.engine.submit(candidate('Acme', 'negative_share', 'critical', {}, T0));
      const a2 = await alerter.engine.submit(candidate('Acme', 'volume_spike', 'warning', {}, T0));
      const list = (await app.inject({ url: '/api/alerts?status=firing', headers: agent })).json() as { total: number };
      expect(list.total).toBe(2);
      const ack = await app.inject({ method: 'POST', url: `/api/alerts/${a1.id}/ack`, headers: agent });
      expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana' });

      const token = signLink(SECRET, a2.id, 'resolve', T0 + 3_600_000, 'oncall');
      const get = await app.inject({ url: `/a/${token}` });
      expect(get.statusCode).toBe(200);
      expect(get.body).toContain('Resolve as oncall');
      expect((await alerter.service.get(a2.id))?.status).toBe('firing');
      const post = await app.inject({ method: 'POST', url: `/a/${token}` });
      expect(post.statusCode).toBe(200);
      expect(await alerter.service.get(a2.id)).toMatchObject({ status: 'resolved', resolvedBy: 'oncall' });
      expect((await app.inject({ url: `/a/${token.slice(0, -2)}xx` })).statusCode).toBe(404);
    } finally {
      await app.close();
      await alerter.stop();
    }
  });
});
