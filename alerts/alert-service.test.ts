import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { createAlerter } from './alerter.ts';
import { alertsSchema } from './config.ts';
import { candidate } from './testing/harness.ts';
import type { AlertEventOut } from './types.ts';

let r: TestRedis;
beforeAll(async () => {
  r = await startTestRedis();
});
afterAll(async () => {
  await r.stop();
});

function setup() {
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  const events: AlertEventOut[] = [];
  const alerter = createAlerter({
    config: alertsSchema.parse({}), clock, redis: r.connect(), deliver: false, prefix: r.prefix(), linkSecret: 'k',
    publicUrl: 'https://earshot.example', onEvent: (e) => events.push(e),
  });
  return { clock, events, alerter, service: alerter.service };
}

describe('AlertService over Redis', () => {
  it('lists, filters, acknowledges and resolves with actor and time', async () => {
    const { alerter, service, clock } = setup();
    const a = await alerter.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await alerter.engine.submit(candidate('Beta', 'volume_spike', 'info'));
    expect((await service.list({})).total).toBe(2);
    expect((await service.list({ brand: 'Acme' })).items.map((x) => x.id)).toEqual([a.id]);
    await clock.advance(60_000);
    const acked = await service.acknowledge(a.id, 'alice');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: '2026-03-02T10:01:00.000Z' });
    expect((await service.list({ status: 'acknowledged' })).total).toBe(1);
    const resolved = await service.resolve(a.id, 'bob');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'bob' });
    await expect(service.resolve(a.id, 'bob')).rejects.toMatchObject({ code: 'conflict' });
    expect(await service.get('missing')).toBeNull();
    await alerter.stop();
  });

  it('silences: created with validation, listed while active, expired by API', async () => {
    const { service, clock, alerter } = setup();
    await expect(service.createSilence({ matchers: [], startsAt: '2026-03-02T10:00:00Z', endsAt: '2026-03-02T12:00:00Z', createdBy: 'c', comment: '' }))
      .rejects.toMatchObject({ field: 'matchers' });
    await expect(service.createSilence({ matchers: [{ name: 'brand', op: '=~', value: '(' }], startsAt: '2026-03-02T10:00:00Z', endsAt: '2026-03-02T12:00:00Z', createdBy: 'c', comment: '' }))
      .rejects.toMatchObject({ field: 'matchers[0]' });
    const s = await service.createSilence({ matchers: [{ name: 'brand', op: '=', value: 'Acme' }], startsAt: '2026-03-02T10:00:00Z', endsAt: '2026-03-02T12:00:00Z', createdBy: 'carol', comment: 'launch' });
    expect((await service.listSilences()).map((x) => x.id)).toEqual([s.id]);
    await clock.advance(60_000);
    await service.expireSilence(s.id, 'carol');
    expect(await service.listSilences()).toEqual([]);
    await alerter.stop();
  });

  it('an ack through the API and the alerter\'s update of the same alert, in two processes at once, both land', async () => {
    // `earshot api` and `earshot alerter` as separate processes: one prefix, two connections, two engines.
    const config = alertsSchema.parse({});
    const clock = new FakeClock('2026-03-02T10:00:00Z');
    const prefix = r.prefix();
    const alerter = createAlerter({ config, clock, redis: r.connect(), deliver: false, prefix });
    const api = createAlerter({ config, clock, redis: r.connect(), deliver: false, prefix });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await alerter.engine.submit(candidate(`Brand${i}`, 'negative_share', 'critical'))).id);
    await clock.advance(60_000);
    const update = (i: number) => {
      const c = candidate(`Brand${i}`, 'negative_share', 'critical');
      return alerter.engine.submit({ ...c, explanation: { ...c.explanation, observed: 77, score: 0.999 } });
    };
    // Each pair starts at the same moment, so the two read-modify-writes overlap.
    for (const [i, id] of ids.entries()) await Promise.all([api.service.acknowledge(id, `agent${i}`), update(i)]);
    const lost: string[] = [];
    for (const [i, id] of ids.entries()) {
      const a = await alerter.state.getAlert(id);
      if (a?.status !== 'acknowledged' || a.acknowledgedBy !== `agent${i}`) lost.push(`${id}: ack lost (${a?.status})`);
      if (a?.explanation.observed !== 77 || a.lastActiveAt !== clock.now()) lost.push(`${id}: update lost (observed ${a?.explanation.observed})`);
    }
    expect(lost).toEqual([]);
    await Promise.all([alerter.stop(), api.stop()]);
  });

  it('notifications carry signed links that verify, and forged ones do not', async () => {
    const { alerter, service, events } = setup();
    const a = await alerter.engine.submit(candidate('Acme', 'negative_share', 'critical'));
    await alerter.tick(Date.parse('2026-03-02T10:01:00Z'));
    expect(events.find((e) => e.event === 'notified')?.dryRun).toBe(true);
    const st = await alerter.state.getAlert(a.id);
    expect(st?.status).toBe('firing');
    const { signLink } = await import('./links.ts');
    const token = signLink('k', a.id, 'ack', Date.parse('2026-03-03T00:00:00Z'));
    expect(service.verifyActionLink(token)).toEqual({ alertId: a.id, action: 'ack', actor: 'link' });
    expect(service.verifyActionLink(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    await alerter.stop();
  });
});
